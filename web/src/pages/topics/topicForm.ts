// The topic editor's draft (what the form holds) and its field labels, shared by the form, the
// list of errors above it (FormErrors) and a topic's 修改记录 (audit/topics.ts).
import type { Topic, TopicInput, TopicPriority, TopicSource } from '@/api/topics'
import type { FieldLabels } from '@/components/fieldLabels'
import { toInstant } from './topicTerms'

export const TOPIC_FIELDS: FieldLabels = {
  year: 'topic.year',
  title: 'topic.title',
  description: 'topic.description',
  field_ids: { label: 'topic.fields', item: {} },
  source: 'topic.source',
  department_id: 'topic.department',
  proposed_by_expert_id: 'topic.proposedBy',
  priority: 'topic.priority',
  budget_yuan: 'topic.budget',
  application_deadline: 'topic.deadline',
  midterm_due: 'topic.midtermDue',
  due_date: 'topic.dueDate',
  status: 'topic.status',
  note: 'topic.note',
  code: 'topic.code',
}

export interface TopicDraft {
  year: number
  title: string
  description: string
  field_ids: number[]
  source: TopicSource
  department_id: number | null
  proposed_by_expert_id: number | null
  priority: TopicPriority
  budget_yuan: number | null
  application_deadline: Date | null
  midterm_due: Date | null
  due_date: Date | null
}

export function emptyTopicDraft(year = new Date().getFullYear()): TopicDraft {
  return {
    year,
    title: '',
    description: '',
    field_ids: [],
    source: 'association',
    department_id: null,
    proposed_by_expert_id: null,
    priority: 'normal',
    budget_yuan: null,
    application_deadline: null,
    midterm_due: null,
    due_date: null,
  }
}

const date = (iso: string | null | undefined) => (iso ? new Date(iso) : null)

export function draftOf(t: Topic): TopicDraft {
  return {
    year: t.year,
    title: t.title,
    description: t.description,
    field_ids: [...t.field_ids],
    source: t.source,
    department_id: t.department_id ?? null,
    proposed_by_expert_id: t.proposed_by_expert_id ?? null,
    priority: t.priority,
    budget_yuan: t.budget_yuan ?? null,
    application_deadline: date(t.application_deadline),
    midterm_due: date(t.midterm_due),
    due_date: date(t.due_date),
  }
}

/** The body the API takes: every key (a PATCH of all of them is an edit of the whole form). */
export function topicInput(d: TopicDraft): TopicInput {
  return {
    title: d.title,
    description: d.description,
    field_ids: d.field_ids,
    source: d.source,
    department_id: d.source === 'department' ? d.department_id : null,
    proposed_by_expert_id: d.source === 'expert' ? d.proposed_by_expert_id : null,
    priority: d.priority,
    budget_yuan: d.budget_yuan,
    application_deadline: toInstant(d.application_deadline),
    midterm_due: toInstant(d.midterm_due),
    due_date: toInstant(d.due_date),
  }
}
