// The conflict form's pure parts: how a looked-up expert is shown and what the form sends.
import { describe, expect, it } from 'vitest'
import { conflictInput, emptyConflictForm, personLabel, personPlace } from '@/pages/me/conflictForm'
import type { ExpertLookupItem } from '@/api/experts'

const wang: ExpertLookupItem = { id: 7, name: '王建国', organization: '清华大学', department: '建筑学院' }

describe('a looked-up expert', () => {
  it('is shown with organisation and department, so namesakes differ', () => {
    expect(personLabel(wang)).toBe('王建国（清华大学 · 建筑学院）')
    expect(personPlace({ ...wang, department: null })).toBe('清华大学')
  })
})

describe('the conflict form', () => {
  it('sends nothing while it names no one', () => {
    expect(conflictInput(emptyConflictForm(), null)).toBeNull()
    expect(conflictInput({ ...emptyConflictForm(), person: '   ' }, null)).toBeNull()
    expect(conflictInput(emptyConflictForm('organization'), null)).toBeNull()
  })

  it('sends the id and the name of an expert picked from the pool', () => {
    const form = { ...emptyConflictForm(), person: 7, until: '2027-12-31', note: ' 合作者 ' }
    expect(conflictInput(form, wang)).toEqual({
      kind: 'person',
      other_expert_id: 7,
      name: '王建国',
      until: '2027-12-31',
      note: '合作者',
    })
  })

  it('never sends an id it cannot name', () => {
    expect(conflictInput({ ...emptyConflictForm(), person: 8 }, wang)).toBeNull()
    expect(conflictInput({ ...emptyConflictForm(), person: 7 }, null)).toBeNull()
  })

  it('sends a typed name without an id', () => {
    expect(conflictInput({ ...emptyConflictForm(), person: ' 李四 ' }, wang)).toEqual({ kind: 'person', name: '李四' })
  })

  it('sends an organisation by its name', () => {
    expect(conflictInput({ ...emptyConflictForm('organization'), name: ' 某研究院 ' }, null)).toEqual({
      kind: 'organization',
      name: '某研究院',
    })
  })
})
