// The expert pool: the list, profiles, import, the approval queue, an expert's own profile and
// conflicts, and the public application form.
import { Collection, Finished, Postcard, Warning } from '@element-plus/icons-vue'
import { READERS, STAFF, defineArea } from '../meta'

export default defineArea({
  standalone: [
    {
      path: '/apply',
      name: 'apply',
      component: () => import('@/pages/public/ApplyPage.vue'),
      meta: { public: true, title: 'apply.title' },
    },
    {
      path: '/experts/print',
      name: 'experts-print',
      component: () => import('@/pages/experts/ExpertListPrintPage.vue'),
      meta: { roles: READERS, title: 'experts.printTitle' },
    },
    {
      path: '/experts/:id(\\d+)/print',
      name: 'expert-print',
      component: () => import('@/pages/experts/ExpertPrintPage.vue'),
      meta: { roles: STAFF, title: 'expert.printFormTitle' },
    },
  ],
  shell: [
    {
      path: 'experts',
      name: 'experts',
      component: () => import('@/pages/experts/ExpertListPage.vue'),
      meta: { roles: READERS, title: 'nav.experts', menu: { group: 'pool', order: 10, icon: Collection } },
    },
    {
      path: 'experts/new',
      name: 'expert-new',
      component: () => import('@/pages/experts/ExpertEditPage.vue'),
      meta: { roles: STAFF, title: 'expert.create' },
    },
    {
      path: 'experts/import',
      name: 'expert-import',
      component: () => import('@/pages/experts/ExpertImportPage.vue'),
      meta: { roles: STAFF, title: 'import.title' },
    },
    {
      path: 'experts/queue',
      name: 'expert-queue',
      component: () => import('@/pages/experts/ExpertQueuePage.vue'),
      meta: {
        roles: STAFF,
        title: 'nav.queue',
        menu: { group: 'pool', order: 20, icon: Finished, id: 'queue', roles: ['coordinator'] },
      },
    },
    {
      path: 'experts/:id(\\d+)',
      name: 'expert',
      component: () => import('@/pages/experts/ExpertDetailPage.vue'),
      meta: { roles: READERS, title: 'expert.detail' },
    },
    {
      path: 'experts/:id(\\d+)/edit',
      name: 'expert-edit',
      component: () => import('@/pages/experts/ExpertEditPage.vue'),
      meta: { roles: STAFF, title: 'expert.edit' },
    },
    {
      path: 'me/profile',
      name: 'my-profile',
      component: () => import('@/pages/me/MyProfilePage.vue'),
      meta: { roles: ['expert'], title: 'nav.myProfile', menu: { group: 'mine', order: 10, icon: Postcard } },
    },
    {
      path: 'me/conflicts',
      name: 'my-conflicts',
      component: () => import('@/pages/me/MyConflictsPage.vue'),
      meta: { roles: ['expert'], title: 'nav.myConflicts', menu: { group: 'mine', order: 20, icon: Warning } },
    },
  ],
})
