// The shared classifications: fields (学科领域) and pools (专家库类别).
import { Files, Share } from '@element-plus/icons-vue'
import { STAFF, defineArea } from '../meta'

export default defineArea({
  shell: [
    {
      path: 'fields',
      name: 'fields',
      component: () => import('@/pages/taxonomy/FieldsPage.vue'),
      meta: { roles: STAFF, title: 'nav.fields', menu: { group: 'pool', order: 30, icon: Share, roles: ['coordinator'] } },
    },
    {
      path: 'pools',
      name: 'pools',
      component: () => import('@/pages/taxonomy/PoolsPage.vue'),
      meta: { roles: STAFF, title: 'nav.pools', menu: { group: 'pool', order: 40, icon: Files, roles: ['coordinator'] } },
    },
  ],
})
