// How the audit entries of account and pool security read (see audit/terms.ts): issue 9's
// actions, on record types the other areas define.
import { defineAuditTerms } from './terms'

export default defineAuditTerms({
  actions: {
    'expert.flag_duplicate': 'securityAudit.flagDuplicate',
    'user.password_check_failed': 'securityAudit.passwordCheckFailed',
  },
})
