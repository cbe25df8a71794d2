// The 403 page and the catch-all 404 (vue-router ranks the catch-all below every other path).
import { defineArea } from '../meta'

export default defineArea({
  shell: [
    {
      path: '403',
      name: 'forbidden',
      component: () => import('@/pages/errors/ForbiddenPage.vue'),
      meta: { title: 'errors.forbiddenTitle' },
    },
    {
      path: ':pathMatch(.*)*',
      name: 'not-found',
      component: () => import('@/pages/errors/NotFoundPage.vue'),
      meta: { title: 'errors.notFoundTitle' },
    },
  ],
})
