// How the audit entries of the e-mail outbox and the e-mail preferences read (see audit/terms.ts).
import { defineAuditTerms } from './terms'

export default defineAuditTerms({
  actions: {
    'mail.retry': 'mailAudit.retry',
    'mail.opt_out': 'mailAudit.optOut',
    'mail.opt_in': 'mailAudit.optIn',
  },
  entities: {
    mail: { label: 'mailAudit.entity', link: () => '/admin/mail', adminOnly: true },
  },
})
