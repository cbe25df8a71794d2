// The kinds of notification a user can turn e-mail off for, each with its words (mailPrefs.kinds.*).
// A kind not listed here that the user turned off earlier is still shown, by its name.
export const MAIL_KINDS = [
  'expert.approved',
  'expert.rejected',
  'expert.suspended',
  'expert.reinstated',
  'expert.retired',
  'expert.remind_confirm',
  'expert.application',
  'call.published',
  'proposal.submitted',
  'proposal.accepted',
  'proposal.returned',
  'topic.deadline_7d',
  'topic.deadline_1d',
  'topic.midterm_due',
  'topic.due',
  'topic.commission_unanswered',
  'topic.overdue',
] as const

export const kindKey = (kind: string) => `mailPrefs.kinds.${kind.replace('.', '_')}`
