// components/terms.ts and the areas' tables: every status and action the contract names has its
// words, and a value without any shows as sent.
import { describe, expect, it } from 'vitest'
import { termLabel, termTone } from '@/components/terms'
import { EXPERT_ACTIONS, EXPERT_STATUSES } from '@/pages/experts/expertTerms'
import { USER_STATUSES } from '@/pages/admin/userTerms'
import { i18n } from '@/locales'

const t = (key: string) => i18n.global.t(key)

describe('terms', () => {
  it('label and colour a value from the area table', () => {
    expect(termLabel(EXPERT_STATUSES, 'active', t)).toBe('在库')
    expect(termTone(EXPERT_STATUSES, 'active')).toBe('success')
    expect(termLabel(USER_STATUSES, 'disabled', t)).toBe('已停用')
    expect(termLabel(EXPERT_ACTIONS, 'retire', t)).toBe('出库')
  })

  it('show a value the table does not know as it is, in a neutral colour', () => {
    expect(termLabel(EXPERT_STATUSES, 'archived', t)).toBe('archived')
    expect(termTone(EXPERT_STATUSES, 'archived')).toBe('info')
    expect(termLabel(undefined, 'x', t)).toBe('x')
  })
})
