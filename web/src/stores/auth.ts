// Who is signed in: the user, their roles and the CSRF token (handed to api/client).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError, setCsrfToken } from '@/api/client'
import * as authApi from '@/api/auth'
import type { SignedIn } from '@/api/auth'
import type { Role } from '@/api/common'
import type { User } from '@/api/users'

export const useAuthStore = defineStore('auth', () => {
  const user = ref<User | null>(null)
  const csrfToken = ref<string | null>(null)
  /** Password accepted, TOTP or recovery code still owed (kept in memory only). */
  const secondFactorPending = ref(false)
  /** GET /auth/me has answered once (or failed). */
  const loaded = ref(false)

  const isSignedIn = computed(() => user.value !== null && !secondFactorPending.value)
  const roles = computed<Role[]>(() => (isSignedIn.value && user.value ? user.value.roles : []))

  function hasRole(...wanted: Role[]): boolean {
    return roles.value.some((r) => wanted.includes(r))
  }

  function accept(signedIn: SignedIn, pending = false): void {
    user.value = signedIn.user
    csrfToken.value = signedIn.csrf_token
    secondFactorPending.value = pending
    setCsrfToken(signedIn.csrf_token)
  }

  function clear(): void {
    user.value = null
    csrfToken.value = null
    secondFactorPending.value = false
    setCsrfToken(null)
  }

  /** Asks the server who we are; 401 means nobody. Other errors leave us signed out too. */
  async function load(): Promise<void> {
    try {
      accept(await authApi.getMe())
    } catch (e) {
      if (!(e instanceof ApiError)) throw e
      if (!secondFactorPending.value) clear()
    } finally {
      loaded.value = true
    }
  }

  async function ensureLoaded(): Promise<void> {
    if (!loaded.value) await load()
  }

  /** Returns true when a second factor is still needed. */
  async function login(username: string, password: string): Promise<boolean> {
    const result = await authApi.login(username, password)
    accept(result, result.second_factor_required)
    loaded.value = true
    return result.second_factor_required
  }

  async function verifySecondFactor(answer: { code: string } | { recovery_code: string }): Promise<void> {
    accept(await authApi.verifyTotp(answer))
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } catch {
      // Signed out locally whatever the server says: the cookie is gone or will expire.
    } finally {
      clear()
    }
  }

  /** Reloads the user after a change of their own account (password, TOTP). */
  async function refresh(): Promise<void> {
    await load()
  }

  function setUser(next: User): void {
    user.value = next
  }

  return {
    user,
    csrfToken,
    secondFactorPending,
    loaded,
    isSignedIn,
    roles,
    hasRole,
    load,
    ensureLoaded,
    login,
    verifySecondFactor,
    logout,
    refresh,
    setUser,
    clear,
  }
})
