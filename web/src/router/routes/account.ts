// One's own account: profile, password, sessions, API tokens, two-step verification.
import { Setting } from '@element-plus/icons-vue'
import { defineArea } from '../meta'

export default defineArea({
  shell: [
    {
      path: 'account',
      component: () => import('@/pages/account/AccountPage.vue'),
      children: [
        {
          path: '',
          name: 'account',
          component: () => import('@/pages/account/ProfilePanel.vue'),
          meta: { title: 'account.title', menu: { group: 'account', order: 10, icon: Setting, label: 'nav.account' } },
        },
        {
          path: 'password',
          name: 'account-password',
          component: () => import('@/pages/account/PasswordPanel.vue'),
          meta: { title: 'account.password' },
        },
        {
          path: 'sessions',
          name: 'account-sessions',
          component: () => import('@/pages/account/SessionsPanel.vue'),
          meta: { title: 'account.sessions' },
        },
        {
          path: 'tokens',
          name: 'account-tokens',
          component: () => import('@/pages/account/TokensPanel.vue'),
          meta: { title: 'account.tokens' },
        },
        {
          path: 'security',
          name: 'account-security',
          component: () => import('@/pages/account/SecurityPanel.vue'),
          meta: { title: 'account.security' },
        },
        {
          path: 'mail',
          name: 'account-mail',
          component: () => import('@/pages/account/MailPanel.vue'),
          meta: { title: 'mailPrefs.tab' },
        },
      ],
    },
  ],
})
