// Sign-in: password, then the second factor.
import { defineArea } from '../meta'

export default defineArea({
  standalone: [
    {
      path: '/login',
      name: 'login',
      component: () => import('@/pages/auth/LoginPage.vue'),
      meta: { public: true, title: 'login.title' },
    },
    {
      path: '/login/totp',
      name: 'login-totp',
      component: () => import('@/pages/auth/TotpPage.vue'),
      meta: { secondFactor: true, title: 'totp.title' },
    },
  ],
})
