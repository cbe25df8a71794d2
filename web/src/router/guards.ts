// Where a navigation may go, given who is signed in. The server's route gate is what enforces
// access; this keeps people on the pages they can use.
import type { RouteLocationNormalized, RouteLocationRaw, Router } from 'vue-router'
import type { User } from '@/api/users'
import { useAuthStore } from '@/stores/auth'

export const PASSWORD_PATH = '/account/password'
export const SECURITY_PATH = '/account/security'
export const LOGIN_PATH = '/login'
export const TOTP_PATH = '/login/totp'

export interface AuthSnapshot {
  user: User | null
  secondFactorPending: boolean
}

type Target = Pick<RouteLocationNormalized, 'path' | 'fullPath' | 'meta' | 'query'>

/** true to go on, or where to go instead. Pure, so it is tested directly. */
export function decide(to: Target, auth: AuthSnapshot): true | RouteLocationRaw {
  const signedIn = auth.user !== null && !auth.secondFactorPending

  if (to.meta.secondFactor) {
    if (auth.secondFactorPending) return true
    return signedIn ? '/' : LOGIN_PATH
  }
  if (to.meta.public) {
    if (to.path === LOGIN_PATH && signedIn) return safeRedirect(to.query.redirect)
    return true
  }
  if (auth.secondFactorPending) return { path: TOTP_PATH, query: redirectQuery(to) }
  if (!signedIn || !auth.user) return { path: LOGIN_PATH, query: redirectQuery(to) }

  const user = auth.user
  if (user.must_change_password) {
    return to.path === PASSWORD_PATH ? true : { path: PASSWORD_PATH }
  }
  if (user.totp_required && !user.totp_enabled) {
    return to.path === SECURITY_PATH ? true : { path: SECURITY_PATH }
  }
  const roles = to.meta.roles
  if (roles && roles.length > 0 && !user.roles.some((r) => roles.includes(r))) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  return true
}

function redirectQuery(to: Target): Record<string, string> {
  return to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {}
}

/** Only paths inside the app: never another origin (`//host`, `https:`). */
export function safeRedirect(value: unknown): string {
  const s = Array.isArray(value) ? value[0] : value
  if (typeof s !== 'string' || !s.startsWith('/') || s.startsWith('//') || s.startsWith('/\\')) return '/'
  return s
}

export function installGuards(router: Router): void {
  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    await auth.ensureLoaded()
    return decide(to, { user: auth.user, secondFactorPending: auth.secondFactorPending })
  })
}
