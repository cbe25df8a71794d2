// The character count against the vectors the server's copy of the rule is tested with
// (tests/fixtures/char_count_vectors.json, read by tests/unit/core/char_count_test.cpp too).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { countMarkdownChars, countPlainChars, isCountedChar, markdownVisibleText } from '@/pages/proposals/charCount'

interface Vector {
  name: string
  mode: 'plain' | 'markdown'
  text: string
  count: number
  visible?: string
}

const read = (file: string): Vector[] =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../tests/fixtures/${file}`, import.meta.url)), 'utf8')).cases
const vectors = read('char_count_vectors.json')
const random = read('char_count_random.json')

function check(v: Vector) {
  if (v.mode === 'plain') {
    expect(countPlainChars(v.text)).toBe(v.count)
  } else {
    expect(countMarkdownChars(v.text)).toBe(v.count)
    if (v.visible !== undefined) expect(markdownVisibleText(v.text)).toBe(v.visible)
  }
}

describe('character count', () => {
  it('reads the shared vectors', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(40)
  })

  for (const v of vectors) it(`${v.name}`, () => check(v))

  it('agrees with the server on random Markdown-like texts', () => {
    expect(random.length).toBeGreaterThanOrEqual(400)
    for (const v of random) check(v)
  })

  it('does not count a lone surrogate, which only a JavaScript string can hold', () => {
    expect(countPlainChars('城\ud800市')).toBe(2)
    expect(isCountedChar(0x1f44d)).toBe(true)
  })
})
