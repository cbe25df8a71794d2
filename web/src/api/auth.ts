// Sign-in and one's own account: /auth/* and /tokens.
import { api } from './client'
import type {
  ApiToken,
  CreatedToken,
  Items,
  LoginResult,
  Session,
  SignedIn,
  TotpSetup,
} from './types'

export const login = (username: string, password: string) =>
  api.post<LoginResult>('/auth/login', { username, password })

export const verifyTotp = (answer: { code: string } | { recovery_code: string }) =>
  api.post<SignedIn>('/auth/totp/verify', answer)

export const logout = () => api.post<void>('/auth/logout')

export const getMe = () => api.get<SignedIn>('/auth/me')

export const changePassword = (current_password: string, new_password: string) =>
  api.post<void>('/auth/password', { current_password, new_password })

export const listSessions = () => api.get<Items<Session>>('/auth/sessions')

export const revokeSession = (id: string) => api.delete(`/auth/sessions/${encodeURIComponent(id)}`)

export const setupTotp = () => api.post<TotpSetup>('/auth/totp/setup')

export const enableTotp = (code: string) => api.post<{ recovery_codes: string[] }>('/auth/totp/enable', { code })

export const disableTotp = (password: string) => api.post<void>('/auth/totp/disable', { password })

export const listTokens = () => api.get<Items<ApiToken>>('/tokens')

export const createToken = (name: string, expires_in_days: number) =>
  api.post<CreatedToken>('/tokens', { name, expires_in_days })

export const revokeToken = (id: number) => api.delete(`/tokens/${id}`)
