// Administration: user accounts and the audit log.
import { Document, User } from '@element-plus/icons-vue'
import { defineArea } from '../meta'

export default defineArea({
  shell: [
    {
      path: 'admin/users',
      name: 'admin-users',
      component: () => import('@/pages/admin/UsersPage.vue'),
      meta: { roles: ['admin'], title: 'nav.users', menu: { group: 'system', order: 10, icon: User, id: 'users' } },
    },
    {
      path: 'admin/audit',
      name: 'admin-audit',
      component: () => import('@/pages/admin/AuditPage.vue'),
      meta: { roles: ['admin', 'coordinator'], title: 'nav.audit', menu: { group: 'system', order: 20, icon: Document, id: 'audit' } },
    },
  ],
})
