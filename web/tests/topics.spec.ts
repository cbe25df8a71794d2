// pages/topics: Beijing time whatever the browser's zone, the application countdown, the
// instants the API takes, and the topic editor's body.
import { describe, expect, it } from 'vitest'
import { beijingTime, countdown, toInstant } from '@/pages/topics/topicTerms'
import { emptyTopicDraft, topicInput } from '@/pages/topics/topicForm'

describe('topic times', () => {
  it('shows an instant in Beijing time (UTC+8)', () => {
    expect(beijingTime('2026-03-31T16:00:00Z')).toBe('2026-04-01 00:00')
    expect(beijingTime('2026-12-31T15:59:59Z')).toBe('2026-12-31 23:59')
    expect(beijingTime(null)).toBe('')
    expect(beijingTime('not a time')).toBe('not a time')
  })

  it('counts down to the deadline and stops at it', () => {
    const deadline = '2026-04-01T00:00:00Z'
    const at = Date.parse(deadline)
    expect(countdown(deadline, at - (2 * 1440 + 3 * 60 + 4) * 60000)).toEqual({ d: 2, h: 3, m: 4 })
    expect(countdown(deadline, at - 59000)).toEqual({ d: 0, h: 0, m: 0 })
    expect(countdown(deadline, at)).toBeNull()
    expect(countdown(deadline, at + 1)).toBeNull()
    expect(countdown(null, at)).toBeNull()
  })

  it('sends instants as whole-second UTC text, and nothing for an empty picker', () => {
    expect(toInstant(new Date('2026-04-01T08:30:00.123+08:00'))).toBe('2026-04-01T00:30:00Z')
    expect(toInstant(null)).toBeNull()
    expect(toInstant('')).toBeNull()
  })
})

describe('the topic editor', () => {
  it('sends the department only for a department source and the proposer only for an expert one', () => {
    const d = { ...emptyTopicDraft(2026), title: '课题', department_id: 3, proposed_by_expert_id: 9 }
    expect(topicInput({ ...d, source: 'department' })).toMatchObject({ department_id: 3, proposed_by_expert_id: null })
    expect(topicInput({ ...d, source: 'expert' })).toMatchObject({ department_id: null, proposed_by_expert_id: 9 })
    expect(topicInput({ ...d, source: 'association' })).toMatchObject({ department_id: null, proposed_by_expert_id: null })
  })
})
