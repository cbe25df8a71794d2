// The audit log (admin, coordinator): /audit.
import { api } from './client'
import type { AuditEntry, AuditQuery, Page } from './types'

export const listAudit = (query: AuditQuery) => api.get<Page<AuditEntry>>('/audit', { ...query })
