// The topic life cycle's words: each status and action with its label and colour, and the
// actions that need a reason (topic_workflow.cpp's table).
import type {
  CallStatus,
  TopicAction,
  TopicApplication,
  TopicChangeRequest,
  TopicCommission,
  TopicListItem,
  TopicStatus,
} from '@/api/topics'
import type { Terms } from '@/components/terms'

export const TOPIC_STATUSES: Terms<TopicStatus> = {
  draft: { label: 'topic.statuses.draft', tone: 'info' },
  published: { label: 'topic.statuses.published', tone: 'primary' },
  assigned: { label: 'topic.statuses.assigned', tone: 'success' },
  in_progress: { label: 'topic.statuses.in_progress', tone: 'success' },
  midterm_review: { label: 'topic.statuses.midterm_review', tone: 'warning' },
  delivered: { label: 'topic.statuses.delivered', tone: 'warning' },
  concluded: { label: 'topic.statuses.concluded', tone: 'info' },
  cancelled: { label: 'topic.statuses.cancelled', tone: 'danger' },
}

export const TOPIC_ACTIONS: Terms<TopicAction> = {
  publish: { label: 'topicAudit.actions.publish', tone: 'primary' },
  commission: { label: 'topicAudit.actions.commission', tone: 'primary' },
  withdraw_commission: { label: 'topicAudit.actions.withdraw_commission', tone: 'warning' },
  accept_commission: { label: 'topicAudit.actions.accept_commission', tone: 'success' },
  decline_commission: { label: 'topicAudit.actions.decline_commission', tone: 'danger' },
  assign: { label: 'topicAudit.actions.assign', tone: 'success' },
  start: { label: 'topicAudit.actions.start', tone: 'primary' },
  begin_midterm: { label: 'topicAudit.actions.begin_midterm', tone: 'warning' },
  pass_midterm: { label: 'topicAudit.actions.pass_midterm', tone: 'success' },
  rectify_midterm: { label: 'topicAudit.actions.rectify_midterm', tone: 'warning' },
  deliver: { label: 'topicAudit.actions.deliver', tone: 'primary' },
  pass_acceptance: { label: 'topicAudit.actions.pass_acceptance', tone: 'success' },
  request_rework: { label: 'topicAudit.actions.request_rework', tone: 'warning' },
  fail_acceptance: { label: 'topicAudit.actions.fail_acceptance', tone: 'danger' },
  cancel: { label: 'topicAudit.actions.cancel', tone: 'danger' },
}

export const TOPIC_ACTIONS_NEEDING_REASON: TopicAction[] = [
  'withdraw_commission',
  'decline_commission',
  'rectify_midterm',
  'request_rework',
  'fail_acceptance',
  'cancel',
]

/** "2026-04-01 00:00" in Beijing time, whatever the browser's zone. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`
}

/** Whole days, hours and minutes from `now` until `deadline`; null once it has passed. */
export function countdown(deadline: string | null | undefined, now: number): { d: number; h: number; m: number } | null {
  if (!deadline) return null
  const ms = new Date(deadline).getTime() - now
  if (!(ms > 0)) return null
  const minutes = Math.floor(ms / 60000)
  return { d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60), m: minutes % 60 }
}

export const APPLICATION_STATUSES: Terms<TopicApplication['status']> = {
  submitted: { label: 'topic.applicationStatuses.submitted', tone: 'primary' },
  withdrawn: { label: 'topic.applicationStatuses.withdrawn', tone: 'info' },
  selected: { label: 'topic.applicationStatuses.selected', tone: 'success' },
  not_selected: { label: 'topic.applicationStatuses.not_selected', tone: 'info' },
}

export const MEMBER_ANSWERS: Terms<TopicApplication['members'][number]['answer']> = {
  invited: { label: 'topic.answers.invited', tone: 'warning' },
  confirmed: { label: 'topic.answers.confirmed', tone: 'success' },
  declined: { label: 'topic.answers.declined', tone: 'danger' },
}

export const COMMISSION_STATUSES: Terms<TopicCommission['status']> = {
  pending: { label: 'topic.commissionStatuses.pending', tone: 'warning' },
  accepted: { label: 'topic.commissionStatuses.accepted', tone: 'success' },
  declined: { label: 'topic.commissionStatuses.declined', tone: 'danger' },
  withdrawn: { label: 'topic.commissionStatuses.withdrawn', tone: 'info' },
}

export const CHANGE_KINDS: Terms<TopicChangeRequest['kind']> = {
  team: { label: 'topic.changeKinds.team', tone: 'primary' },
  extension: { label: 'topic.changeKinds.extension', tone: 'warning' },
  withdrawal: { label: 'topic.changeKinds.withdrawal', tone: 'danger' },
}

export const CHANGE_STATUSES: Terms<TopicChangeRequest['status']> = {
  pending: { label: 'topic.changeStatuses.pending', tone: 'warning' },
  approved: { label: 'topic.changeStatuses.approved', tone: 'success' },
  refused: { label: 'topic.changeStatuses.refused', tone: 'danger' },
}

export const CALL_STATUSES: Terms<CallStatus> = {
  draft: { label: 'call.statuses.draft', tone: 'info' },
  scheduled: { label: 'call.statuses.scheduled', tone: 'primary' },
  open: { label: 'call.statuses.open', tone: 'success' },
  closed: { label: 'call.statuses.closed', tone: 'info' },
}

export const CALL_ACTIONS: Terms<'publish' | 'close'> = {
  publish: { label: 'callAudit.publish', tone: 'primary' },
  close: { label: 'callAudit.close', tone: 'danger' },
}

/** The label of an overdue flag: 中期检查逾期 3 天. */
export function overdueKey(kind: TopicListItem['overdue'][number]['kind']): string {
  return `topic.overdueKinds.${kind}`
}

/** A datetime picker's value (a Date or its text) as the ISO instant the API takes; null when empty. */
export function toInstant(v: Date | string | number | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null
  const d = v instanceof Date ? v : new Date(v)
  return Number.isNaN(d.getTime()) ? null : d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}
