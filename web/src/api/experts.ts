// The expert pool: /experts, /expert-applications.
import { api, buildUrl, request } from './client'
import type {
  ApplicationReceipt,
  Conflict,
  Expert,
  ExpertAction,
  ExpertApplication,
  ExpertFilters,
  ExpertInput,
  ExpertLookupItem,
  ExpertPage,
  ExpertPatch,
  ExpertQuery,
  ImportReport,
  InviteResult,
  Items,
  NewConflict,
} from './types'

export const listExperts = (query: ExpertQuery) => api.get<ExpertPage>('/experts', { ...query })

/** Active experts by name or organisation (not oneself), for naming one; experts and staff. */
export const lookupExperts = (q: string, limit?: number, signal?: AbortSignal) =>
  api.get<Items<ExpertLookupItem>>('/experts/lookup', { q, limit }, signal)

export const createExpert = (input: ExpertInput) => api.post<Expert>('/experts', input)

export const getExpert = (id: number) => api.get<Expert>(`/experts/${id}`)

export const updateExpert = (id: number, patch: ExpertPatch) => api.patch<Expert>(`/experts/${id}`, patch)

export const transitionExpert = (id: number, action: ExpertAction, note: string) =>
  api.post<Expert>(`/experts/${id}/transitions`, { action, note })

export const inviteExpert = (id: number) => api.post<InviteResult>(`/experts/${id}/invite`)

export const remindExpert = (id: number) => api.post<void>(`/experts/${id}/remind`)

export const getMyExpert = () => api.get<Expert>('/experts/me')

export const updateMyExpert = (patch: ExpertPatch) => api.patch<Expert>('/experts/me', patch)

export const confirmMyExpert = () => api.post<Expert>('/experts/me/confirm')

export const listConflicts = (expertId: number) => api.get<Items<Conflict>>(`/experts/${expertId}/conflicts`)

export const addConflict = (expertId: number, input: NewConflict) =>
  api.post<Conflict>(`/experts/${expertId}/conflicts`, input)

export const deleteConflict = (expertId: number, conflictId: number) =>
  api.delete(`/experts/${expertId}/conflicts/${conflictId}`)

export const applyToPool = (input: ExpertApplication) => api.post<ApplicationReceipt>('/expert-applications', input)

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The content type the import expects for a chosen file, by its name. */
export function importContentType(fileName: string): string {
  return fileName.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : 'text/csv'
}

/** Uploads the file's bytes as they are: a dry run reports, a commit imports. */
export const importExperts = (file: Blob, contentType: string, dryRun: boolean) =>
  request<ImportReport>('POST', '/experts/import', {
    raw: file,
    contentType,
    query: { dry_run: dryRun },
  })

/** The download address of the filtered list; the browser fetches it with the session cookie. */
export function expertExportUrl(format: 'csv' | 'xlsx', filters: ExpertFilters): string {
  return buildUrl('/experts/export', { format, ...filters })
}
