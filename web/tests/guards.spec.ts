// router/guards.ts: where a navigation ends for each kind of visitor.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import { defineComponent } from 'vue'
import { decide, installGuards, safeRedirect, type AuthSnapshot } from '@/router/guards'
import { routes } from '@/router/routes'
import { NAV_ITEMS, groupNav, navFor, navItems } from '@/router/navigation'
import { House } from '@element-plus/icons-vue'
import type { Role } from '@/api/common'
import type { User } from '@/api/users'
import { setCsrfToken } from '@/api/client'

function user(over: Partial<User> = {}): User {
  return {
    id: 1,
    username: 'u',
    display_name: 'U',
    email: '',
    roles: ['coordinator'],
    status: 'active',
    must_change_password: false,
    totp_enabled: false,
    totp_required: false,
    expert_id: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    version: 1,
    ...over,
  }
}

function to(path: string, meta: RouteLocationNormalized['meta'] = {}, query: Record<string, string> = {}) {
  const qs = new URLSearchParams(query).toString()
  return { path, fullPath: qs ? `${path}?${qs}` : path, meta, query }
}

const nobody: AuthSnapshot = { user: null, secondFactorPending: false }
const signedIn = (over: Partial<User> = {}): AuthSnapshot => ({ user: user(over), secondFactorPending: false })

describe('decide', () => {
  it('sends a visitor who is not signed in to /login with the page to come back to', () => {
    expect(decide(to('/experts', { roles: ['coordinator'] }), nobody)).toEqual({
      path: '/login',
      query: { redirect: '/experts' },
    })
    expect(decide(to('/'), nobody)).toEqual({ path: '/login', query: {} })
  })

  it('lets anyone open public pages', () => {
    expect(decide(to('/login', { public: true }), nobody)).toBe(true)
    expect(decide(to('/apply', { public: true }), nobody)).toBe(true)
    expect(decide(to('/apply', { public: true }), signedIn())).toBe(true)
  })

  it('sends a signed-in user away from /login to where they were going', () => {
    expect(decide(to('/login', { public: true }, { redirect: '/experts' }), signedIn())).toBe('/experts')
    expect(decide(to('/login', { public: true }, { redirect: '//evil.example' }), signedIn())).toBe('/')
  })

  it('forces a password change before anything else', () => {
    const auth = signedIn({ must_change_password: true, roles: ['admin'] })
    expect(decide(to('/admin/users', { roles: ['admin'] }), auth)).toEqual({ path: '/account/password' })
    expect(decide(to('/'), auth)).toEqual({ path: '/account/password' })
    expect(decide(to('/account/password'), auth)).toBe(true)
  })

  it('asks for TOTP enrolment when the role requires it', () => {
    const auth = signedIn({ totp_required: true, totp_enabled: false, roles: ['admin'] })
    expect(decide(to('/admin/users', { roles: ['admin'] }), auth)).toEqual({ path: '/account/security' })
    expect(decide(to('/account/security'), auth)).toBe(true)
    expect(decide(to('/admin/users', { roles: ['admin'] }), signedIn({ totp_required: true, totp_enabled: true, roles: ['admin'] }))).toBe(true)
  })

  it('changes the password first when both are owed', () => {
    const auth = signedIn({ must_change_password: true, totp_required: true })
    expect(decide(to('/account/security'), auth)).toEqual({ path: '/account/password' })
  })

  it('holds a half-signed-in user at the second factor step', () => {
    const pending: AuthSnapshot = { user: user(), secondFactorPending: true }
    expect(decide(to('/experts', { roles: ['coordinator'] }), pending)).toEqual({
      path: '/login/totp',
      query: { redirect: '/experts' },
    })
    expect(decide(to('/login/totp', { secondFactor: true }), pending)).toBe(true)
  })

  it('does not show the second factor step to anyone else', () => {
    expect(decide(to('/login/totp', { secondFactor: true }), nobody)).toBe('/login')
    expect(decide(to('/login/totp', { secondFactor: true }), signedIn())).toBe('/')
  })

  it('refuses a page the roles do not allow with the 403 page', () => {
    expect(decide(to('/admin/users', { roles: ['admin'] }), signedIn({ roles: ['expert'] }))).toEqual({
      name: 'forbidden',
      query: { from: '/admin/users' },
    })
  })

  it('opens a page when one of the roles is allowed', () => {
    expect(decide(to('/admin/audit', { roles: ['admin', 'coordinator'] }), signedIn({ roles: ['expert', 'coordinator'] }))).toBe(true)
    expect(decide(to('/account'), signedIn({ roles: ['leader'] }))).toBe(true)
  })
})

describe('safeRedirect', () => {
  it('keeps paths inside the app only', () => {
    expect(safeRedirect('/experts?q=1')).toBe('/experts?q=1')
    expect(safeRedirect(['/a', '/b'])).toBe('/a')
    expect(safeRedirect('//evil.example/x')).toBe('/')
    expect(safeRedirect('/\\evil.example')).toBe('/')
    expect(safeRedirect('https://evil.example')).toBe('/')
    expect(safeRedirect(undefined)).toBe('/')
  })
})

const flat: RouteRecordRaw[] = []
const walk = (list: RouteRecordRaw[], prefix = '') => {
  for (const r of list) {
    const path = r.path.startsWith('/') ? r.path : `${prefix.replace(/\/$/, '')}/${r.path}`
    flat.push({ ...r, path } as RouteRecordRaw)
    if (r.children) walk(r.children, path)
  }
}
walk(routes)

describe('the route table', () => {
  const byName = (name: string) => flat.find((r) => r.name === name)

  it('gates the administrative pages by role', () => {
    expect(byName('admin-users')?.meta?.roles).toEqual(['admin'])
    expect(byName('admin-audit')?.meta?.roles).toEqual(['admin', 'coordinator'])
    expect(byName('experts')?.meta?.roles).toEqual(expect.arrayContaining(['coordinator', 'admin', 'leader']))
    expect(byName('experts')?.meta?.roles).not.toContain('expert')
    expect(byName('my-profile')?.meta?.roles).toEqual(['expert'])
    expect(byName('expert-edit')?.meta?.roles).not.toContain('leader')
  })

  it('leaves only sign-in, the application form and its status lookup public', () => {
    const open = flat.filter((r) => r.meta?.public).map((r) => r.name)
    expect(open.sort()).toEqual(['apply', 'apply-status', 'login'])
  })
})

describe('navigation per role', () => {
  const names = (roles: Role[]) => navFor(roles).map((n) => n.name)

  it('gives each role its own entries, and everyone the account', () => {
    expect(names(['admin'])).toEqual(['home', 'experts', 'topics', 'calls', 'departments', 'proposals', 'users', 'audit', 'mail', 'account'])
    expect(names(['coordinator'])).toEqual([
      'home', 'experts', 'queue', 'fields', 'pools', 'topics', 'topic-suggestions', 'calls', 'departments', 'proposals', 'screening', 'audit', 'account',
    ])
    expect(names(['expert'])).toEqual(['home', 'my-profile', 'my-conflicts', 'my-topics', 'my-proposals', 'topics', 'topic-suggestions', 'calls', 'account'])
    expect(names(['leader'])).toEqual(['home', 'experts', 'topics', 'calls', 'proposals', 'account'])
  })

  it('comes from the routes: each entry links to its page and shows only to roles that may open it', () => {
    for (const item of NAV_ITEMS) {
      const route = flat.find((r) => r.path.replace(/\/$/, '') === item.to.replace(/\/$/, '') && r.meta?.menu)
      expect(route, item.to).toBeDefined()
      const allowed = route!.meta?.roles
      if (allowed) expect(item.roles?.every((r) => allowed.includes(r)), item.name).toBe(true)
    }
  })

  it('groups the entries in the declared order, leaving out empty groups', () => {
    const groups = groupNav(navFor(['coordinator']))
    expect(groups.map((g) => g.group)).toEqual(['main', 'pool', 'research', 'proposals', 'system', 'account'])
    expect(groups.map((g) => g.title)).toEqual([undefined, 'nav.groups.pool', 'nav.groups.research', 'nav.groups.proposals', 'nav.groups.system', undefined])
  })

  it('refuses a menu entry on a page with parameters', () => {
    const bad: RouteRecordRaw[] = [
      { path: '/x/:id', name: 'x', component: {}, meta: { title: 'x.y', menu: { group: 'main', order: 1, icon: House } } },
    ]
    expect(() => navItems(bad)).toThrow(/without parameters/)
  })
})

describe('installed guards', () => {
  const Stub = defineComponent({ render: () => null })
  const stubbed = (list: RouteRecordRaw[]): RouteRecordRaw[] =>
    list.map((r) => ({ ...r, component: Stub, children: r.children ? stubbed(r.children) : undefined }) as RouteRecordRaw)

  let me: () => Response

  beforeEach(() => {
    setActivePinia(createPinia())
    vi.stubGlobal('fetch', vi.fn(async () => me()))
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    setCsrfToken(null)
  })

  async function start(path: string) {
    const router = createRouter({ history: createMemoryHistory(), routes: stubbed(routes) })
    installGuards(router)
    await router.push(path)
    return router.currentRoute.value
  }

  it('asks the server who is signed in and sends nobody to the login page', async () => {
    me = () => new Response(JSON.stringify({ status: 401, title: 'Unauthorized', detail: '请先登录' }), { status: 401 })
    const route = await start('/experts?status=pending')
    expect(route.path).toBe('/login')
    expect(route.query.redirect).toBe('/experts?status=pending')
  })

  it('forces the password change for a user signed in with a one-time password', async () => {
    me = () => new Response(JSON.stringify({ user: user({ must_change_password: true }), csrf_token: 't' }), { status: 200 })
    expect((await start('/experts')).path).toBe('/account/password')
  })

  it('shows the 403 page for a role that may not open the page', async () => {
    me = () => new Response(JSON.stringify({ user: user({ roles: ['expert'] }), csrf_token: 't' }), { status: 200 })
    const route = await start('/admin/users')
    expect(route.name).toBe('forbidden')
    expect(route.query.from).toBe('/admin/users')
  })

  it('opens an allowed page, and an unknown address gives the 404 page', async () => {
    me = () => new Response(JSON.stringify({ user: user({ roles: ['coordinator'] }), csrf_token: 't' }), { status: 200 })
    expect((await start('/experts/queue')).name).toBe('expert-queue')
    expect((await start('/no/such/page')).name).toBe('not-found')
  })
})
