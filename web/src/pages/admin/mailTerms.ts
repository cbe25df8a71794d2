// An outbox e-mail's statuses, labelled and coloured.
import type { MailStatus } from '@/api/mail'
import type { Terms } from '@/components/terms'

export const MAIL_STATUSES: Terms<MailStatus> = {
  pending: { label: 'mail.statuses.pending', tone: 'warning' },
  sending: { label: 'mail.statuses.sending', tone: 'primary' },
  sent: { label: 'mail.statuses.sent', tone: 'success' },
  failed: { label: 'mail.statuses.failed', tone: 'danger' },
  uncertain: { label: 'mail.statuses.uncertain', tone: 'danger' },
}

export const MAIL_STATUS_VALUES = Object.keys(MAIL_STATUSES) as MailStatus[]
