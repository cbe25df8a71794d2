// The difference between two versions' texts, word by word for Chinese: jsdiff's diffWords with
// Intl.Segmenter's word boundaries (Chinese has no spaces, so a whitespace tokenizer would see a
// paragraph as one word).
import { diffWords } from 'diff'

export interface DiffPart {
  text: string
  kind: 'same' | 'added' | 'removed'
}

const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh-CN', { granularity: 'word' }) : undefined

export function wordDiff(before: string, after: string): DiffPart[] {
  const parts = diffWords(before, after, segmenter ? { intlSegmenter: segmenter } : {})
  return parts.map((p) => ({ text: p.value, kind: p.added ? 'added' : p.removed ? 'removed' : 'same' }))
}

/** How many characters the change adds and removes (white space not counted). */
export function diffStats(parts: DiffPart[]): { added: number; removed: number } {
  const len = (s: string) => [...s.replace(/\s+/g, '')].length
  return {
    added: parts.filter((p) => p.kind === 'added').reduce((n, p) => n + len(p.text), 0),
    removed: parts.filter((p) => p.kind === 'removed').reduce((n, p) => n + len(p.text), 0),
  }
}
