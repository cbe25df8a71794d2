// Sign-in and one's own account: /auth/* and /tokens.
import { api } from './client'
import type { Answer, RequestBody, Schemas } from './contract'

export type SignedIn = Schemas['SignedIn']
export type Session = Schemas['Session']
export type TotpSetup = Schemas['TotpSetup']
export type ApiToken = Schemas['ApiToken']
export type TokenScope = Schemas['TokenScope']

export const login = (username: string, password: string) =>
  api.post<Answer<'login'>>('/auth/login', { username, password } satisfies RequestBody<'login'>)

export const verifyTotp = (answer: RequestBody<'verifyTotp'>) => api.post<Answer<'verifyTotp'>>('/auth/totp/verify', answer)

export const logout = () => api.post<Answer<'logout'>>('/auth/logout')

export const getMe = () => api.get<Answer<'getMe'>>('/auth/me')

export const changePassword = (current_password: string, new_password: string, revoke_tokens = false) =>
  api.post<Answer<'changePassword'>>('/auth/password', {
    current_password,
    new_password,
    revoke_tokens,
  } satisfies RequestBody<'changePassword'>)

export const listSessions = () => api.get<Answer<'listSessions'>>('/auth/sessions')

export const revokeSession = (id: string) => api.delete<Answer<'revokeSession'>>(`/auth/sessions/${encodeURIComponent(id)}`)

export const setupTotp = () => api.post<Answer<'setupTotp'>>('/auth/totp/setup')

export const enableTotp = (code: string) =>
  api.post<Answer<'enableTotp'>>('/auth/totp/enable', { code } satisfies RequestBody<'enableTotp'>)

export const disableTotp = (password: string) =>
  api.post<Answer<'disableTotp'>>('/auth/totp/disable', { password } satisfies RequestBody<'disableTotp'>)

export const listTokens = () => api.get<Answer<'listTokens'>>('/tokens')

export const createToken = (name: string, expires_in_days: number, scope: TokenScope) =>
  api.post<Answer<'createToken'>>('/tokens', { name, expires_in_days, scope } satisfies RequestBody<'createToken'>)

export const revokeToken = (id: number) => api.delete<Answer<'revokeToken'>>(`/tokens/${id}`)
