// Audit words of the e-mail outbox and e-mail preferences (audit/mail.ts).
import type zh from '../zh-CN/mailAudit'

const en: typeof zh = {
  mailAudit: {
    entity: 'E-mail',
    retry: 'E-mail queued again',
    optOut: 'E-mail reminders of a kind turned off',
    optIn: 'E-mail reminders of a kind turned on',
  },
}

export default en
