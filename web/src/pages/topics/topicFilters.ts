// The topic guide's filters as they live in the address (useListState).
import type { TopicQuery, TopicSource, TopicStatus } from '@/api/topics'
import { param, type Params } from '@/composables/useListState'

export interface TopicFilterForm {
  q: string
  year: number | null
  field_id: number | null
  source: TopicSource | ''
  status: TopicStatus | ''
  overdue: boolean
}

export const TOPIC_FILTERS: Params<TopicFilterForm> = {
  q: param.text(),
  year: param.id(),
  field_id: param.id(),
  source: param.oneOf(['leadership', 'department', 'association', 'expert'] as const, ''),
  status: param.oneOf(
    ['draft', 'published', 'assigned', 'in_progress', 'midterm_review', 'delivered', 'concluded', 'cancelled'] as const,
    '',
  ),
  overdue: param.flag(),
}

export const TOPIC_SORTS = ['code', '-code', 'deadline', '-updated_at'] as const

export function apiTopicFilters(f: TopicFilterForm, sort: string): TopicQuery {
  return {
    q: f.q.trim(),
    year: f.year,
    field_id: f.field_id,
    source: f.source,
    status: f.status,
    overdue: f.overdue ? true : null,
    sort: (sort || null) as TopicQuery['sort'],
  }
}
