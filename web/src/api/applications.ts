// The public application to join the expert pool: its proof-of-work challenge, the application
// itself (with consent and the solved challenge) and the status lookup by receipt number.
import { api } from './client'
import type { Answer, RequestBody, Schemas } from './contract'

export type WorkChallenge = Schemas['WorkChallenge']
export type ApplicationStatus = Schemas['ApplicationStatus']
export type ApplicationReceipt = Schemas['ApplicationReceipt']

export const getApplicationChallenge = () => api.get<Answer<'getApplicationChallenge'>>('/expert-applications/challenge')

export const submitApplication = (input: RequestBody<'applyToPool'>) => api.post<Answer<'applyToPool'>>('/expert-applications', input)

export const getApplicationStatus = (receipt: string) =>
  api.post<Answer<'getApplicationStatus'>>('/expert-applications/status', { receipt } satisfies RequestBody<'getApplicationStatus'>)
