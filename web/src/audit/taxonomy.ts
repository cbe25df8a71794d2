// How the audit entries of fields and pools read (see audit/terms.ts).
import { defineAuditTerms } from './terms'

export default defineAuditTerms({
  actions: {
    'field.create': 'taxonomyAudit.fieldCreate',
    'field.update': 'taxonomyAudit.fieldUpdate',
    'field.delete': 'taxonomyAudit.fieldDelete',
    'pool.create': 'pools.create',
    'pool.update': 'pools.edit',
    'pool.delete': 'taxonomyAudit.poolDelete',
  },
  entities: {
    field: { label: 'taxonomyAudit.field', fields: { name: 'fields.name', name_en: 'fields.nameEn', code: 'fields.code', parent_id: 'taxonomyAudit.parent' } },
    pool: { label: 'taxonomyAudit.pool', fields: { name: 'pools.name', description: 'pools.description' } },
  },
})
