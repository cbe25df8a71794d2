// The public application's status lookup by receipt number (the form itself is the expert
// pool's /apply).
import { defineArea } from '../meta'

export default defineArea({
  standalone: [
    {
      path: '/apply/status',
      name: 'apply-status',
      component: () => import('@/pages/public/ApplicationStatusPage.vue'),
      meta: { public: true, title: 'application.statusTitle' },
    },
  ],
})
