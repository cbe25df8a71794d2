import { describe, expect, it } from 'vitest'
import { diffStats, wordDiff } from '@/pages/proposals/wordDiff'
import { differingFields, emptyDraft, inputOf } from '@/pages/proposals/proposalForm'

describe('word diff of two versions', () => {
  it('marks Chinese words, not whole paragraphs', () => {
    const parts = wordDiff('老旧小区加装电梯进展缓慢。', '老旧小区加装电梯进展缓慢，据统计仅三成完成。')
    const same = parts.filter((p) => p.kind === 'same').map((p) => p.text).join('')
    expect(same).toContain('老旧小区加装电梯')
    expect(parts.some((p) => p.kind === 'added' && p.text.includes('三成'))).toBe(true)
    expect(diffStats(parts).added).toBeGreaterThan(0)
  })
  it('finds nothing between equal texts', () => {
    expect(wordDiff('城市更新', '城市更新').every((p) => p.kind === 'same')).toBe(true)
  })
})

describe('the editor form', () => {
  it('names the fields two saves differ in', () => {
    const a = emptyDraft()
    const b = { ...emptyDraft(), summary: '摘要', keywords: ['城市'] }
    expect(differingFields(a, b).sort()).toEqual(['keywords', 'summary'])
  })
  it('drops blank keywords before sending', () => {
    expect(inputOf({ ...emptyDraft(), keywords: [' 城市 ', ''] }).keywords).toEqual(['城市'])
  })
})
