// The expert pool: /experts, /expert-applications.
import { api, buildUrl, request, type ResponseMeta } from './client'
import type { Answer, QueryOf, RequestBody, Schemas } from './contract'

export type Expert = Schemas['Expert']
export type ExpertStatus = Schemas['ExpertStatus']
export type ExpertAction = Schemas['ExpertAction']
export type Gender = Schemas['Gender']
export type Category = Schemas['Category']
export type Academician = Schemas['Academician']
export type ExpertFields = Schemas['ExpertFields']
/** A whole profile, as created. */
export type ExpertInput = Schemas['ExpertInput']
export type Employment = Schemas['Employment']
export type ExpertFacets = Schemas['ExpertFacets']
export type ExpertSearchScope = Schemas['ExpertSearchScope']
export type ExpertLookupItem = Schemas['ExpertLookupItem']
export type Conflict = Schemas['Conflict']
export type ConflictKind = Schemas['ConflictKind']
export type NewConflict = Schemas['NewConflict']
export type ExpertApplication = Schemas['ExpertApplication']
export type ApplicationReceipt = Schemas['ApplicationReceipt']
export type ImportReport = Schemas['ImportReport']

/** The list's query: its filters, sort, page and whether to count facets. */
export type ExpertQuery = QueryOf<'listExperts'>
/** The filters alone (the export takes the same ones). */
export type ExpertFilters = Omit<ExpertQuery, 'page' | 'page_size' | 'facets'>
export type ExpertSort = NonNullable<ExpertQuery['sort']>

export const listExperts = (query: ExpertQuery, meta?: ResponseMeta) => api.get<Answer<'listExperts'>>('/experts', query, undefined, meta)

/** Active experts by name or organisation (not oneself), for naming one; experts and staff. */
export const lookupExperts = (q: string, limit?: number, signal?: AbortSignal) =>
  api.get<Answer<'lookupExperts'>>('/experts/lookup', { q, limit } satisfies QueryOf<'lookupExperts'>, signal)

export const createExpert = (input: ExpertInput) => api.post<Answer<'createExpert'>>('/experts', input)

export const getExpert = (id: number, meta?: ResponseMeta) => api.get<Answer<'getExpert'>>(`/experts/${id}`, undefined, undefined, meta)

export const updateExpert = (id: number, patch: RequestBody<'updateExpert'>) =>
  api.patch<Answer<'updateExpert'>>(`/experts/${id}`, patch)

export const transitionExpert = (id: number, action: ExpertAction, note: string) =>
  api.post<Answer<'transitionExpert'>>(`/experts/${id}/transitions`, { action, note } satisfies RequestBody<'transitionExpert'>)

export const inviteExpert = (id: number) => api.post<Answer<'inviteExpert'>>(`/experts/${id}/invite`)

export const remindExpert = (id: number) => api.post<Answer<'remindExpert'>>(`/experts/${id}/remind`)

export const getMyExpert = () => api.get<Answer<'getMyExpert'>>('/experts/me')

export const updateMyExpert = (patch: RequestBody<'updateMyExpert'>) => api.patch<Answer<'updateMyExpert'>>('/experts/me', patch)

export const confirmMyExpert = () => api.post<Answer<'confirmMyExpert'>>('/experts/me/confirm')

export const listConflicts = (expertId: number) => api.get<Answer<'listConflicts'>>(`/experts/${expertId}/conflicts`)

export const addConflict = (expertId: number, input: NewConflict) =>
  api.post<Answer<'addConflict'>>(`/experts/${expertId}/conflicts`, input)

export const deleteConflict = (expertId: number, conflictId: number) =>
  api.delete<Answer<'deleteConflict'>>(`/experts/${expertId}/conflicts/${conflictId}`)

export const applyToPool = (input: ExpertApplication) => api.post<Answer<'applyToPool'>>('/expert-applications', input)

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The content type the import expects for a chosen file, by its name. */
export function importContentType(fileName: string): string {
  return fileName.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : 'text/csv'
}

/** Uploads the file's bytes as they are: a dry run reports, a commit imports. */
export const importExperts = (file: Blob, contentType: string, dryRun: boolean) =>
  request<Answer<'importExperts'>>('POST', '/experts/import', {
    raw: file,
    contentType,
    query: { dry_run: dryRun } satisfies QueryOf<'importExperts'>,
  })

/** The download address of the filtered list; the browser fetches it with the session cookie. */
export function expertExportUrl(format: 'csv' | 'xlsx', filters: ExpertFilters): string {
  return buildUrl('/experts/export', { format, ...filters } satisfies QueryOf<'exportExperts'>)
}
