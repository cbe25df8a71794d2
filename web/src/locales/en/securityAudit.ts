// Audit words of account and pool security (audit/security.ts).
import type zh from '../zh-CN/securityAudit'

const en: typeof zh = {
  securityAudit: {
    passwordCheckFailed: 'Current password check failed',
    flagDuplicate: 'Flagged as a possible duplicate',
  },
}

export default en
