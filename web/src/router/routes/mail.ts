// The e-mail outbox (administrators).
import { Message } from '@element-plus/icons-vue'
import { defineArea } from '../meta'

export default defineArea({
  shell: [
    {
      path: 'admin/mail',
      name: 'admin-mail',
      component: () => import('@/pages/admin/MailPage.vue'),
      meta: { roles: ['admin'], title: 'nav.mail', menu: { group: 'system', order: 30, icon: Message, id: 'mail' } },
    },
  ],
})
