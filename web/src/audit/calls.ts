// How the audit entries of calls for suggestions read (see audit/terms.ts). Written by clerk so
// the audit words test passes with the call service on main; topics: extend this file (record
// link, field labels, status words, picker) rather than adding another one for "call".
import { defineAuditTerms } from './terms'

export default defineAuditTerms({
  actions: {
    'call.create': 'callAudit.create',
    'call.update': 'callAudit.update',
    'call.publish': 'callAudit.publish',
    'call.close': 'callAudit.close',
  },
  entities: {
    call: { label: 'callAudit.entity' },
  },
})
