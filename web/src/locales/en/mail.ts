// E-mail: the outbox (administrators) and the "E-mail reminders" settings.
import type zh from '../zh-CN/mail'

const en: typeof zh = {
  nav: { mail: 'E-mail' },
  mail: {
    all: 'All',
    disabled: 'This server does not send e-mail ([mail] enabled = false): in-app notifications only.',
    createdAt: 'Queued',
    to: 'To',
    subject: 'Subject',
    status: 'Status',
    attempts: 'Attempts',
    detail: 'Delivery',
    nextAttempt: 'Next attempt {at}',
    retry: 'Send again',
    retried: 'Queued again',
    statuses: {
      pending: 'Pending',
      sending: 'Sending',
      sent: 'Sent',
      failed: 'Failed',
      uncertain: 'Uncertain',
    },
  },
  mailPrefs: {
    tab: 'E-mail reminders',
    serverOff: 'This server does not send e-mail: you get in-app notifications only.',
    noAddress: 'Your account has no e-mail address, so no e-mail reaches you; ask an administrator to add one.',
    address: 'E-mail reminders go to {email}. A kind turned off still arrives in the app.',
    kind: 'Kind of reminder',
    byMail: 'By e-mail',
    kinds: {
      expert_approved: 'Application to the pool approved',
      expert_rejected: 'Application to the pool declined',
      expert_suspended: 'Expert suspended',
      expert_reinstated: 'Expert reinstated',
      expert_retired: 'Expert retired from the pool',
      expert_remind_confirm: 'Reminder to confirm my expert record',
      expert_application: 'New application to the pool (staff)',
      call_published: 'New call for suggestions',
      proposal_submitted: 'Suggestion submitted (staff)',
      proposal_accepted: 'Suggestion accepted',
      proposal_returned: 'Suggestion returned for changes',
      topic_deadline_7d: 'Topic application closes in 7 days',
      topic_deadline_1d: 'Topic application closes in 1 day',
      topic_midterm_due: 'Topic midterm check due',
      topic_due: 'Topic delivery due',
      topic_commission_unanswered: 'Topic commission not yet answered',
      topic_overdue: 'Topic overdue',
    },
  },
}

export default en
