// Small pure pieces of the expert pages: filters in the address bar, the form's clean-up.
import { describe, expect, it } from 'vitest'
import { apiFilters, EXPERT_FILTERS, EXPERT_SORTS } from '@/pages/experts/expertFilters'
import { defaultFilters, readListAddress, writeListAddress } from '@/composables/useListState'
import { applicationFromDraft, cleanExpertInput, emptyExpertInput, expertToInput } from '@/pages/experts/expertForm'
import type { Expert } from '@/api/experts'

describe('expert list filters', () => {
  const config = { filters: EXPERT_FILTERS, sort: { default: '', allowed: EXPERT_SORTS } }
  it('round-trip through the address bar', () => {
    const filters = { ...defaultFilters(config), q: '城市治理', pool_id: 3, status: 'pending' as const, stale: true, academician: 'CAS' as const }
    const query = writeListAddress({ filters, sort: '-birth_year', page: 2, pageSize: 20 }, config)
    expect(query).toEqual({ q: '城市治理', pool_id: '3', status: 'pending', stale: 'true', academician: 'CAS', sort: '-birth_year', page: '2' })
    expect(readListAddress(query as Record<string, string>, config)).toEqual({ filters, sort: '-birth_year', page: 2, pageSize: 20 })
  })

  it('ignore values that are not valid', () => {
    const a = readListAddress({ status: 'deleted', pool_id: 'x', field_id: '-2', category: 'mars', sort: 'salary', page: '-1' }, config)
    expect(a.filters.status).toBe('active')
    expect(a.filters.pool_id).toBeNull()
    expect(a.filters.field_id).toBeNull()
    expect(a.filters.category).toBe('')
    expect(a.sort).toBe('')
    expect(a.page).toBe(1)
  })

  it('open on 在库, and 全部 sends no status filter', () => {
    const d = defaultFilters(config)
    expect(d.status).toBe('active')
    expect(apiFilters(d, '').status).toBe('active')
    expect(writeListAddress({ filters: d, sort: '', page: 1, pageSize: 20 }, config)).toEqual({})
    const all = { ...d, status: 'all' as const }
    expect(writeListAddress({ filters: all, sort: '', page: 1, pageSize: 20 }, config)).toEqual({ status: 'all' })
    expect(apiFilters(all, '').status).toBe('')
  })

  it('send no stale filter unless it is checked', () => {
    expect(apiFilters(defaultFilters(config), '').stale).toBeNull()
  })
})

describe('expert form', () => {
  const expert: Expert = {
    id: 7,
    version: 3,
    status: 'active',
    allowed_actions: ['suspend', 'retire'],
    name: '张三',
    gender: 'male',
    birth_year: 1970,
    title: '研究员',
    position: null,
    organization: '某研究院',
    department: null,
    employment: [{ organization: '某大学', from: '2001-09', to: '2010-07' }],
    fields: [{ id: 4, name: '城市规划' }],
    keywords: ['城市治理'],
    category: 'domestic',
    country: null,
    academician: null,
    pools: [{ id: 1, name: '决策咨询专家库' }],
    phone: '13800000000',
    email: 'z@example.org',
    bio: '',
    user_id: null,
    confirmed_at: null,
    stale: false,
    status_reason: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    stats: { reviews_done: 0, on_time_rate: null, avg_rating: null, submissions: 0, adoptions: 0, endorsements: 0 },
  }

  it('takes ids of fields and pools from the record', () => {
    const input = expertToInput(expert)
    expect(input.field_ids).toEqual([4])
    expect(input.pool_ids).toEqual([1])
    expect(input.employment).toEqual(expert.employment)
    expect(input.employment[0]).not.toBe(expert.employment[0])
  })

  it('trims texts, drops blank employment rows, and sends contact and pools only when asked', () => {
    const input = { ...emptyExpertInput(), name: ' 李四 ', organization: ' 某大学 ', title: '  ', phone: '139', pool_ids: [2] }
    input.employment = [
      { organization: ' 甲 ', from: '2020-01', to: '' },
      { organization: '', from: '', to: null },
    ]
    const out = cleanExpertInput(input, { withContact: false, withPools: false })
    expect(out.name).toBe('李四')
    expect(out.organization).toBe('某大学')
    expect(out.title).toBeNull()
    expect(out.employment).toEqual([{ organization: '甲', from: '2020-01', to: null }])
    expect('phone' in out).toBe(false)
    expect('pool_ids' in out).toBe(false)
    const all = cleanExpertInput(input, { withContact: true, withPools: true })
    expect(all.phone).toBe('139')
    expect(all.pool_ids).toEqual([2])
  })

  it('makes the public application from the same form: only what it takes, nothing empty', () => {
    const draft = {
      ...emptyExpertInput(),
      name: ' 司马青 ',
      organization: '复旦大学',
      email: ' sima@example.cn ',
      academician: 'CAS' as const,
      pool_ids: [1],
      keywords: [' 公共卫生 ', ' '],
      employment: [{ organization: '甲', from: '2020-01', to: null }],
    }
    expect(applicationFromDraft(draft)).toEqual({
      name: '司马青',
      organization: '复旦大学',
      email: 'sima@example.cn',
      keywords: ['公共卫生'],
      category: 'domestic',
    })
  })
})
