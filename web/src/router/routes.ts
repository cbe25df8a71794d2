// Every page, each its own lazy chunk; meta.roles says who may open it.
import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'

const staff: Role[] = ['coordinator', 'admin']
const readers: Role[] = ['coordinator', 'admin', 'leader']

export const routes: RouteRecordRaw[] = [
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
  {
    path: '/apply',
    name: 'apply',
    component: () => import('@/pages/public/ApplyPage.vue'),
    meta: { public: true, title: 'apply.title' },
  },
  {
    path: '/',
    component: () => import('@/components/shell/AppShell.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/pages/home/HomePage.vue'), meta: { title: 'home.title' } },
      {
        path: 'account',
        component: () => import('@/pages/account/AccountPage.vue'),
        children: [
          {
            path: '',
            name: 'account',
            component: () => import('@/pages/account/ProfilePanel.vue'),
            meta: { title: 'account.title' },
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
        ],
      },
      {
        path: 'admin/users',
        name: 'admin-users',
        component: () => import('@/pages/admin/UsersPage.vue'),
        meta: { roles: ['admin'], title: 'nav.users' },
      },
      {
        path: 'admin/audit',
        name: 'admin-audit',
        component: () => import('@/pages/admin/AuditPage.vue'),
        meta: { roles: ['admin', 'coordinator'], title: 'nav.audit' },
      },
      {
        path: 'experts',
        name: 'experts',
        component: () => import('@/pages/experts/ExpertListPage.vue'),
        meta: { roles: readers, title: 'nav.experts' },
      },
      {
        path: 'experts/new',
        name: 'expert-new',
        component: () => import('@/pages/experts/ExpertEditPage.vue'),
        meta: { roles: staff, title: 'expert.create' },
      },
      {
        path: 'experts/import',
        name: 'expert-import',
        component: () => import('@/pages/experts/ExpertImportPage.vue'),
        meta: { roles: staff, title: 'import.title' },
      },
      {
        path: 'experts/queue',
        name: 'expert-queue',
        component: () => import('@/pages/experts/ExpertQueuePage.vue'),
        meta: { roles: staff, title: 'nav.queue' },
      },
      {
        path: 'experts/:id(\\d+)',
        name: 'expert',
        component: () => import('@/pages/experts/ExpertDetailPage.vue'),
        meta: { roles: readers, title: 'expert.detail' },
      },
      {
        path: 'experts/:id(\\d+)/edit',
        name: 'expert-edit',
        component: () => import('@/pages/experts/ExpertEditPage.vue'),
        meta: { roles: staff, title: 'expert.edit' },
      },
      {
        path: 'me/profile',
        name: 'my-profile',
        component: () => import('@/pages/me/MyProfilePage.vue'),
        meta: { roles: ['expert'], title: 'nav.myProfile' },
      },
      {
        path: 'me/conflicts',
        name: 'my-conflicts',
        component: () => import('@/pages/me/MyConflictsPage.vue'),
        meta: { roles: ['expert'], title: 'nav.myConflicts' },
      },
      {
        path: 'fields',
        name: 'fields',
        component: () => import('@/pages/taxonomy/FieldsPage.vue'),
        meta: { roles: staff, title: 'nav.fields' },
      },
      {
        path: 'pools',
        name: 'pools',
        component: () => import('@/pages/taxonomy/PoolsPage.vue'),
        meta: { roles: staff, title: 'nav.pools' },
      },
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
  },
]
