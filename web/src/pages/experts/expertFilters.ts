// The expert list's filters as they live in the address (useListState): a filtered list can be
// linked and reloaded, and 返回列表 comes back to it.
import type { Academician, Category, ExpertFilters, ExpertSort, ExpertStatus } from '@/api/experts'
import { param, type Params } from '@/composables/useListState'

export interface FilterForm {
  q: string
  field_id: number | null
  title: string
  category: Category | ''
  country: string
  academician: Academician | 'any' | 'none' | ''
  pool_id: number | null
  /** 在库 unless the clerk picks another tab; 'all' lists every status. */
  status: ExpertStatus | 'all'
  organization: string
  stale: boolean
}

export const EXPERT_FILTERS: Params<FilterForm> = {
  q: param.text(),
  field_id: param.id(),
  title: param.text(),
  category: param.oneOf(['domestic', 'overseas'] as const, ''),
  country: param.text(),
  academician: param.oneOf(['CAS', 'CAE', 'any', 'none'] as const, ''),
  pool_id: param.id(),
  status: param.oneOf(['pending', 'active', 'suspended', 'retired', 'all'] as const, 'active'),
  organization: param.text(),
  stale: param.flag(),
}

export const EXPERT_SORTS: readonly ExpertSort[] = [
  'relevance',
  'name',
  '-name',
  'name_stroke',
  '-name_stroke',
  'birth_year',
  '-birth_year',
  'updated_at',
  '-updated_at',
]

/** The status tabs above the list, in this order (全部 last). */
export const STATUS_TABS: readonly (ExpertStatus | 'all')[] = ['active', 'pending', 'suspended', 'retired', 'all']

/** The filters as the API takes them (empty ones left out by the client; 全部 = no status filter). */
export function apiFilters(f: FilterForm, sort: string): ExpertFilters {
  return {
    q: f.q.trim(),
    field_id: f.field_id,
    title: f.title.trim(),
    category: f.category,
    country: f.country.trim(),
    academician: f.academician,
    pool_id: f.pool_id,
    status: f.status === 'all' ? '' : f.status,
    organization: f.organization.trim(),
    stale: f.stale ? true : null,
    sort: sort as ExpertSort | '',
  }
}
