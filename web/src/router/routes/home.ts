// The start page after sign-in.
import { House } from '@element-plus/icons-vue'
import { defineArea } from '../meta'

export default defineArea({
  shell: [
    {
      path: '',
      name: 'home',
      component: () => import('@/pages/home/HomePage.vue'),
      meta: { title: 'home.title', menu: { group: 'main', order: 10, icon: House, label: 'nav.home' } },
    },
  ],
})
