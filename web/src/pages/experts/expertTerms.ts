// The expert workflow's words: each status and action with its label and colour, and the actions
// that take something away and so need a reason.
import type { ExpertAction, ExpertStatus } from '@/api/experts'
import type { Terms } from '@/components/terms'

export const EXPERT_STATUSES: Terms<ExpertStatus> = {
  pending: { label: 'expert.statuses.pending', tone: 'warning' },
  active: { label: 'expert.statuses.active', tone: 'success' },
  suspended: { label: 'expert.statuses.suspended', tone: 'danger' },
  retired: { label: 'expert.statuses.retired', tone: 'info' },
}

export const EXPERT_ACTIONS: Terms<ExpertAction> = {
  approve: { label: 'expert.actions.approve', tone: 'success' },
  reject: { label: 'expert.actions.reject', tone: 'danger' },
  suspend: { label: 'expert.actions.suspend', tone: 'warning' },
  reinstate: { label: 'expert.actions.reinstate', tone: 'primary' },
  retire: { label: 'expert.actions.retire', tone: 'danger' },
}

export const EXPERT_ACTIONS_NEEDING_REASON: ExpertAction[] = ['reject', 'suspend', 'retire']
