// A session can end while a page is open: signed out on another device, ended from the account
// page elsewhere, the account disabled, or idle too long. The next request then answers 401;
// instead of leaving the user on a page whose every action fails, sign them out here and send
// them to the sign-in page, which says why and brings them back afterwards.
import type { Router } from 'vue-router'
import { setUnauthorizedHandler } from '@/api/client'
import type { useAuthStore } from '@/stores/auth'

// Answers of these calls are about the credentials just typed, not about an ended session.
const OWN_SIGN_IN_CALLS = ['/auth/login', '/auth/totp/verify']

export function installSessionExpiry(router: Router, auth: ReturnType<typeof useAuthStore>): void {
  setUnauthorizedHandler((path) => {
    if (OWN_SIGN_IN_CALLS.some((p) => path.startsWith(p))) return
    if (!auth.isSignedIn) return // nobody was signed in: the route guards handle that
    auth.clear()
    const current = router.currentRoute.value
    if (current.meta.public) return
    const query: Record<string, string> = { expired: '1' }
    if (current.fullPath !== '/') query.redirect = current.fullPath
    void router.replace({ name: 'login', query })
  })
}
