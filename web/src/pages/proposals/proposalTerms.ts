// The proposal workflow's words: statuses, actions, kinds and sensitivity labels with their colours.
import type { ProposalAction, ProposalKind, ProposalStatus, Sensitivity } from '@/api/proposals'
import type { Terms } from '@/components/terms'

export const PROPOSAL_STATUSES: Terms<ProposalStatus> = {
  draft: { label: 'proposals.statuses.draft', tone: 'info' },
  submitted: { label: 'proposals.statuses.submitted', tone: 'primary' },
  screening: { label: 'proposals.statuses.screening', tone: 'primary' },
  returned: { label: 'proposals.statuses.returned', tone: 'warning' },
  accepted: { label: 'proposals.statuses.accepted', tone: 'success' },
  under_review: { label: 'proposals.statuses.under_review', tone: 'success' },
  reviewed: { label: 'proposals.statuses.reviewed', tone: 'success' },
  decided: { label: 'proposals.statuses.decided', tone: 'success' },
  withdrawn: { label: 'proposals.statuses.withdrawn', tone: 'info' },
}

export const PROPOSAL_ACTIONS: Terms<ProposalAction> = {
  submit: { label: 'proposals.actions.submit', tone: 'primary' },
  withdraw: { label: 'proposals.actions.withdraw', tone: 'warning' },
  reopen: { label: 'proposals.actions.reopen', tone: 'primary' },
  start_screening: { label: 'proposals.actions.start_screening', tone: 'primary' },
  accept: { label: 'proposals.actions.accept', tone: 'success' },
  return: { label: 'proposals.actions.return', tone: 'danger' },
  start_review: { label: 'proposals.actions.start_review' },
  finish_review: { label: 'proposals.actions.finish_review' },
  decide: { label: 'proposals.actions.decide' },
}

/** What an author or a coordinator may do from the detail page (the rest belong to other modules). */
export const MANUAL_ACTIONS: ProposalAction[] = ['submit', 'withdraw', 'reopen', 'start_screening', 'accept', 'return']
/** Actions whose note is the reason the authors see (return: required). */
export const ACTIONS_WITH_REASON: ProposalAction[] = ['return', 'withdraw']

export const PROPOSAL_KINDS: Terms<ProposalKind> = {
  suggestion: { label: 'proposals.kinds.suggestion' },
  report: { label: 'proposals.kinds.report' },
  deliverable: { label: 'proposals.kinds.deliverable' },
}

export const SENSITIVITIES: Terms<Sensitivity> = {
  public: { label: 'proposals.sensitivities.public', tone: 'success' },
  internal: { label: 'proposals.sensitivities.internal', tone: 'info' },
  restricted: { label: 'proposals.sensitivities.restricted', tone: 'danger' },
}

/** The customary structure of a policy suggestion (对策建议), offered as a template. */
export function suggestionTemplate(t: (key: string) => string): string {
  return ['problems', 'causes', 'measures'].map((k) => `## ${t(`proposals.template.${k}`)}\n\n`).join('')
}

/** "杜若衡、葛明远": a row's authors as lists show them. */
export function authorNames(row: { authors: { name: string }[] }, separator: string): string {
  return row.authors.map((a) => a.name).join(separator)
}
