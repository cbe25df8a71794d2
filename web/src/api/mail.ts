// The e-mail outbox (administrators) and my e-mail preferences: /admin/mail, /me/mail-preferences.
import { api } from './client'
import type { Answer, QueryOf, Schemas } from './contract'

export type OutboxMessage = Schemas['OutboxMessage']
export type MailStatus = Schemas['MailStatus']
export type MailPreferences = Schemas['MailPreferences']

export const listOutbox = (query: QueryOf<'listOutbox'>) => api.get<Answer<'listOutbox'>>('/admin/mail', query)

export const retryMail = (id: number) => api.post<Answer<'retryMail'>>(`/admin/mail/${id}/retry`)

export const getMailPreferences = () => api.get<Answer<'getMailPreferences'>>('/me/mail-preferences')

export const setMailPreference = (kind: string, wanted: boolean) =>
  api.put<Answer<'setMailPreference'>>(`/me/mail-preferences/${encodeURIComponent(kind)}`, { wanted })
