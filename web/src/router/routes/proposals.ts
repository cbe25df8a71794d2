// Proposals: an expert's own and the editor, every proposal the caller may see, a proposal with
// its history, the screening queue, and the print view.
import { Checked, Document, EditPen } from '@element-plus/icons-vue'
import { defineArea } from '../meta'

export default defineArea({
  standalone: [
    {
      path: '/proposals/:id(\\d+)/print',
      name: 'proposal-print',
      component: () => import('@/pages/proposals/ProposalPrintPage.vue'),
      meta: { title: 'proposals.print' },
    },
  ],
  shell: [
    {
      path: 'me/proposals',
      name: 'my-proposals',
      component: () => import('@/pages/proposals/ProposalListPage.vue'),
      props: { scope: 'mine' },
      meta: { roles: ['expert'], title: 'nav.myProposals', menu: { group: 'mine', order: 30, icon: EditPen } },
    },
    {
      path: 'proposals',
      name: 'proposals',
      component: () => import('@/pages/proposals/ProposalListPage.vue'),
      props: { scope: 'all' },
      meta: { roles: ['coordinator', 'admin', 'leader'], title: 'nav.proposals', menu: { group: 'proposals', order: 10, icon: Document } },
    },
    {
      path: 'proposals/queue',
      name: 'screening',
      component: () => import('@/pages/proposals/ScreeningQueuePage.vue'),
      meta: { roles: ['coordinator'], title: 'nav.screening', menu: { group: 'proposals', order: 20, icon: Checked } },
    },
    {
      path: 'proposals/new',
      name: 'proposal-new',
      component: () => import('@/pages/proposals/ProposalEditPage.vue'),
      meta: { roles: ['expert'], title: 'proposals.create' },
    },
    {
      path: 'proposals/:id(\\d+)/edit',
      name: 'proposal-edit',
      component: () => import('@/pages/proposals/ProposalEditPage.vue'),
      meta: { roles: ['expert'], title: 'proposals.edit' },
    },
    {
      path: 'proposals/:id(\\d+)',
      name: 'proposal',
      component: () => import('@/pages/proposals/ProposalDetailPage.vue'),
      meta: { title: 'proposals.detail' },
    },
  ],
})
