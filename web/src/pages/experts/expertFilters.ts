// The expert list's filters <-> the address bar, so a filtered list can be linked and reloaded.
import type { LocationQuery, LocationQueryRaw } from 'vue-router'
import type { Academician, Category, ExpertFilters, ExpertSort, ExpertStatus } from '@/api/experts'

export interface FilterForm {
  q: string
  field_id: number | null
  title: string
  category: Category | ''
  country: string
  academician: Academician | 'any' | 'none' | ''
  pool_id: number | null
  status: ExpertStatus | ''
  organization: string
  stale: boolean
  sort: ExpertSort | ''
}

export function emptyFilters(): FilterForm {
  return {
    q: '',
    field_id: null,
    title: '',
    category: '',
    country: '',
    academician: '',
    pool_id: null,
    status: '',
    organization: '',
    stale: false,
    sort: '',
  }
}

function str(v: unknown): string {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s : ''
}

function id(v: unknown): number | null {
  const n = Number(str(v))
  return Number.isInteger(n) && n > 0 ? n : null
}

export function filtersFromQuery(query: LocationQuery): FilterForm {
  const f = emptyFilters()
  f.q = str(query.q)
  f.field_id = id(query.field_id)
  f.title = str(query.title)
  const category = str(query.category)
  if (category === 'domestic' || category === 'overseas') f.category = category
  f.country = str(query.country)
  const ac = str(query.academician)
  if (ac === 'CAS' || ac === 'CAE' || ac === 'any' || ac === 'none') f.academician = ac
  f.pool_id = id(query.pool_id)
  const status = str(query.status)
  if (status === 'pending' || status === 'active' || status === 'suspended' || status === 'retired') f.status = status
  f.organization = str(query.organization)
  f.stale = str(query.stale) === 'true'
  f.sort = str(query.sort) as ExpertSort | ''
  return f
}

/** The filters as the API takes them (empty ones left out by the client). */
export function apiFilters(f: FilterForm): ExpertFilters {
  return {
    q: f.q.trim(),
    field_id: f.field_id,
    title: f.title.trim(),
    category: f.category,
    country: f.country.trim(),
    academician: f.academician,
    pool_id: f.pool_id,
    status: f.status,
    organization: f.organization.trim(),
    stale: f.stale ? true : null,
    sort: f.sort,
  }
}

export function queryFromFilters(f: FilterForm): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  for (const [k, v] of Object.entries(apiFilters(f))) {
    if (v === null || v === undefined || v === '') continue
    out[k] = String(v)
  }
  return out
}
