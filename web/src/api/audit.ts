// The audit log (admin, coordinator): /audit.
import { api } from './client'
import type { Answer, QueryOf, Schemas } from './contract'

export type AuditEntry = Schemas['AuditEntry']
export type AuditQuery = QueryOf<'listAudit'>

export const listAudit = (query: AuditQuery) => api.get<Answer<'listAudit'>>('/audit', query)
