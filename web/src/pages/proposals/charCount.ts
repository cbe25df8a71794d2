// How long a text is, as Chinese readers count it (字数): the same rule the server enforces,
// written step for step like src/core/char_count.cpp, over code points. The rule is
// described there; tests/fixtures/char_count_vectors.json holds the cases both must agree on
// (web/tests/charCount.spec.ts runs them here, tests/unit/core/char_count_test.cpp there).

type Text = number[] // code points

// Code points that are not counted: inclusive ranges, sorted (kUncountedRanges in char_count.cpp).
const uncountedRanges: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x0020], // C0 controls and space
  [0x007f, 0x00a0], // DEL, C1 controls, no-break space
  [0x00ad, 0x00ad], // soft hyphen
  [0x0300, 0x036f], // combining diacritical marks
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x1680, 0x1680], // Ogham space
  [0x180e, 0x180e], // Mongolian vowel separator
  [0x2000, 0x200f], // spaces, zero-width space and joiners, LRM, RLM
  [0x2028, 0x202f], // line and paragraph separators, bidi embeddings, narrow no-break space
  [0x205f, 0x206f], // medium mathematical space, word joiner, invisible operators, bidi isolates
  [0x3000, 0x3000], // ideographic space
  [0x3164, 0x3164], // Hangul filler
  [0xd800, 0xdfff], // surrogates (lone ones in a JavaScript string)
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // byte order mark
  [0xffa0, 0xffa0], // half-width Hangul filler
  [0x1d173, 0x1d17a], // musical format controls
  [0xe0000, 0xe007f], // tags
  [0xe0100, 0xe01ef], // variation selectors supplement
  [0xe01f0, 0xe0fff], // unassigned, reserved for format characters
]

export function isCountedChar(cp: number): boolean {
  let lo = 0
  let hi = uncountedRanges.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (uncountedRanges[mid][1] < cp) lo = mid + 1
    else hi = mid
  }
  return lo === uncountedRanges.length || cp < uncountedRanges[lo][0]
}

const c = (ch: string): number => ch.codePointAt(0)!
const SPACE = c(' ')
const TAB = c('\t')
const BACKTICK = c('`')
const TILDE = c('~')
const GT = c('>')
const LT = c('<')
const HASH = c('#')
const MINUS = c('-')
const PLUS = c('+')
const STAR = c('*')
const UNDERSCORE = c('_')
const EQUALS = c('=')
const PIPE = c('|')
const COLON = c(':')
const DOT = c('.')
const RPAREN = c(')')
const LPAREN = c('(')
const LBRACKET = c('[')
const RBRACKET = c(']')
const CARET = c('^')
const BANG = c('!')
const BACKSLASH = c('\\')
const AT = c('@')
const CR = c('\r')
const LF = c('\n')
const X_LOWER = c('x')
const X_UPPER = c('X')

const isSpace = (ch: number) => ch === SPACE || ch === TAB
const isDigit = (ch: number) => ch >= 0x30 && ch <= 0x39
const isAsciiLetter = (ch: number) => (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a)
const isAsciiPunct = (ch: number) =>
  (ch >= 0x21 && ch <= 0x2f) || (ch >= 0x3a && ch <= 0x40) || (ch >= 0x5b && ch <= 0x60) || (ch >= 0x7b && ch <= 0x7e)

function decode(s: string): Text {
  const out: Text = []
  for (const ch of s) out.push(ch.codePointAt(0)!)
  return out
}

function trim(s: Text): Text {
  let b = 0
  let e = s.length
  while (b < e && isSpace(s[b])) ++b
  while (e > b && isSpace(s[e - 1])) --e
  return s.slice(b, e)
}

const isBlank = (s: Text) => s.every(isSpace)

function indexOf(s: Text, ch: number, from = 0): number {
  for (let i = from; i < s.length; ++i) if (s[i] === ch) return i
  return -1
}

interface Fence {
  ch: number
  length: number
}

function openingFence(line: Text): Fence | null {
  let i = 0
  while (i < line.length && isSpace(line[i])) ++i
  if (i >= line.length || (line[i] !== BACKTICK && line[i] !== TILDE)) return null
  const ch = line[i]
  let n = 0
  while (i + n < line.length && line[i + n] === ch) ++n
  if (n < 3) return null
  // ```code``` on one line is a code span, not a fence: a backtick fence's info string has none.
  if (ch === BACKTICK && indexOf(line, BACKTICK, i + n) !== -1) return null
  return { ch, length: n }
}

function isClosingFence(line: Text, f: Fence): boolean {
  const t = trim(line)
  return t.length >= f.length && t.every((ch) => ch === f.ch)
}

// A thematic break or setext underline: one of - * _ = repeated, spaces allowed between.
function isBreakLine(s: Text): boolean {
  let ch = 0
  let any = false
  for (const x of s) {
    if (isSpace(x)) continue
    if (x !== MINUS && x !== STAR && x !== UNDERSCORE && x !== EQUALS) return false
    if (any && x !== ch) return false
    ch = x
    any = true
  }
  return any
}

function hasUnescapedPipe(s: Text): boolean {
  for (let i = 0; i < s.length; ++i) {
    if (s[i] === BACKSLASH) {
      ++i
      continue
    }
    if (s[i] === PIPE) return true
  }
  return false
}

// A table's delimiter row: cells of :?-+:? separated by |, with at least one |.
function isDelimiterRow(s: Text): boolean {
  let t = trim(s)
  if (indexOf(t, PIPE) === -1) return false
  if (t.length > 0 && t[0] === PIPE) t = t.slice(1)
  if (t.length > 0 && t[t.length - 1] === PIPE) t = t.slice(0, -1)
  let start = 0
  let cells = 0
  while (start <= t.length) {
    let bar = indexOf(t, PIPE, start)
    if (bar === -1) bar = t.length
    const cell = trim(t.slice(start, bar))
    let b = 0
    let e = cell.length
    if (b < e && cell[b] === COLON) ++b
    if (e > b && cell[e - 1] === COLON) --e
    if (b >= e) return false
    for (let i = b; i < e; ++i) if (cell[i] !== MINUS) return false
    ++cells
    start = bar + 1
  }
  return cells > 0
}

// [label]: destination (not a footnote [^1]: …, whose text is visible).
function isReferenceDefinition(s: Text): boolean {
  if (s.length === 0 || s[0] !== LBRACKET || (s.length > 1 && s[1] === CARET)) return false
  let i = 1
  let label = false
  for (; i < s.length && s[i] !== RBRACKET; ++i) {
    if (s[i] === BACKSLASH) ++i
    if (s[i] === LBRACKET) return false
    if (!isSpace(s[i])) label = true
  }
  if (!label || i + 1 >= s.length || s[i + 1] !== COLON) return false
  i += 2
  while (i < s.length && isSpace(s[i])) ++i
  return i < s.length
}

// Removes container and heading markers from the start of a line.
function stripBlockPrefixes(line: Text): Text {
  let i = 0
  let listMarker = false
  for (;;) {
    while (i < line.length && isSpace(line[i])) ++i
    if (i >= line.length) return []
    const ch = line[i]
    if (ch === GT) {
      ++i
      continue
    }
    // "- - -" and "* * *" are thematic breaks, not nested list items.
    if (isBreakLine(line.slice(i))) return line.slice(i)
    if ((ch === MINUS || ch === PLUS || ch === STAR) && (i + 1 === line.length || isSpace(line[i + 1]))) {
      ++i
      listMarker = true
      continue
    }
    if (isDigit(ch)) {
      let j = i
      while (j < line.length && isDigit(line[j]) && j - i < 9) ++j
      if (j < line.length && (line[j] === DOT || line[j] === RPAREN) && (j + 1 === line.length || isSpace(line[j + 1]))) {
        i = j + 1
        listMarker = true
        continue
      }
    }
    break
  }
  if (
    listMarker &&
    i + 2 < line.length &&
    line[i] === LBRACKET &&
    (line[i + 1] === SPACE || line[i + 1] === X_LOWER || line[i + 1] === X_UPPER) &&
    line[i + 2] === RBRACKET &&
    (i + 3 === line.length || isSpace(line[i + 3]))
  ) {
    i += 3
    while (i < line.length && isSpace(line[i])) ++i
  }
  let rest = line.slice(i)
  // ATX heading: 1-6 #, then a space or the end; a closing run of # after a space goes too.
  let hashes = 0
  while (hashes < rest.length && rest[hashes] === HASH) ++hashes
  if (hashes >= 1 && hashes <= 6 && (hashes === rest.length || isSpace(rest[hashes]))) {
    rest = trim(rest.slice(hashes))
    let e = rest.length
    while (e > 0 && rest[e - 1] === HASH) --e
    if (e === 0 || isSpace(rest[e - 1])) rest = trim(rest.slice(0, e))
  }
  return rest
}

interface LinkSpan {
  textBegin: number
  textEnd: number
  end: number
}

function matching(s: Text, open: number, left: number, right: number): number | null {
  let depth = 0
  for (let i = open; i < s.length; ++i) {
    if (s[i] === BACKSLASH) {
      ++i
      continue
    }
    if (s[i] === left) ++depth
    if (s[i] === right && --depth === 0) return i
  }
  return null
}

function parseLink(s: Text, open: number): LinkSpan | null {
  const close = matching(s, open, LBRACKET, RBRACKET)
  if (close === null || close + 1 >= s.length) return null
  const after = close + 1
  if (s[after] === LPAREN) {
    const end = matching(s, after, LPAREN, RPAREN)
    if (end === null) return null
    return { textBegin: open + 1, textEnd: close, end: end + 1 }
  }
  if (s[after] === LBRACKET) {
    const end = matching(s, after, LBRACKET, RBRACKET)
    if (end === null) return null
    return { textBegin: open + 1, textEnd: close, end: end + 1 }
  }
  return null
}

// <scheme:…> or <user@host>: the index of '>'.
function autolinkEnd(s: Text, open: number): number | null {
  let j = open + 1
  while (j < s.length && s[j] !== GT && s[j] !== LT && !isSpace(s[j])) ++j
  if (j >= s.length || s[j] !== GT || j === open + 1) return null
  const inner = s.slice(open + 1, j)
  const colon = indexOf(inner, COLON)
  if (colon !== -1 && colon >= 2 && colon <= 32 && isAsciiLetter(inner[0])) {
    let scheme = true
    for (let k = 1; k < colon; ++k) {
      const x = inner[k]
      if (!(isAsciiLetter(x) || isDigit(x) || x === PLUS || x === DOT || x === MINUS)) scheme = false
    }
    if (scheme) return j
  }
  const at = indexOf(inner, AT)
  if (at !== -1 && at > 0 && at + 1 < inner.length) return j
  return null
}

function inlineText(s: Text, inTable: boolean, out: Text): void {
  let i = 0
  while (i < s.length) {
    const ch = s[i]
    if (ch === BACKSLASH) {
      if (i + 1 < s.length && isAsciiPunct(s[i + 1])) {
        out.push(s[i + 1])
        i += 2
      } else if (i + 1 === s.length) {
        ++i // a hard line break
      } else {
        out.push(ch)
        ++i
      }
      continue
    }
    if (ch === BACKTICK) {
      let run = 0
      while (i + run < s.length && s[i + run] === BACKTICK) ++run
      // The closing run has exactly the same length.
      let j = i + run
      let close: number | null = null
      while (j < s.length) {
        if (s[j] !== BACKTICK) {
          ++j
          continue
        }
        let n = 0
        while (j + n < s.length && s[j + n] === BACKTICK) ++n
        if (n === run) {
          close = j
          break
        }
        j += n
      }
      if (close !== null) {
        for (let k = i + run; k < close; ++k) out.push(s[k])
        i = close + run
      } else {
        i += run
      }
      continue
    }
    if (ch === BANG && i + 1 < s.length && s[i + 1] === LBRACKET) {
      const link = parseLink(s, i + 1)
      if (link) {
        i = link.end
        continue
      }
      out.push(ch)
      ++i
      continue
    }
    if (ch === LBRACKET) {
      const link = parseLink(s, i)
      if (link) {
        inlineText(s.slice(link.textBegin, link.textEnd), inTable, out)
        i = link.end
        continue
      }
      out.push(ch)
      ++i
      continue
    }
    if (ch === LT) {
      const end = autolinkEnd(s, i)
      if (end !== null) {
        for (let k = i + 1; k < end; ++k) out.push(s[k])
        i = end + 1
        continue
      }
      out.push(ch)
      ++i
      continue
    }
    if (ch === STAR || ch === UNDERSCORE || ch === TILDE) {
      ++i
      continue
    }
    if (ch === PIPE && inTable) {
      out.push(SPACE)
      ++i
      continue
    }
    out.push(ch)
    ++i
  }
}

function splitLines(s: Text): Text[] {
  const lines: Text[] = []
  let cur: Text = []
  for (let i = 0; i < s.length; ++i) {
    let ch = s[i]
    if (ch === CR) {
      if (i + 1 < s.length && s[i + 1] === LF) ++i
      ch = LF
    }
    if (ch === LF) {
      lines.push(cur)
      cur = []
    } else {
      cur.push(ch)
    }
  }
  lines.push(cur)
  return lines
}

function visible(source: Text): Text {
  const lines = splitLines(source)
  const out: Text = []
  let fence: Fence | null = null
  let table = false
  for (let n = 0; n < lines.length; ++n) {
    const line = lines[n]
    if (n > 0) out.push(LF)
    if (fence) {
      if (isClosingFence(line, fence)) fence = null
      else out.push(...line)
      continue
    }
    const f = openingFence(line)
    if (f) {
      fence = f
      continue
    }
    if (isBlank(line)) {
      table = false
      continue
    }
    const rest = stripBlockPrefixes(line)
    if (!table && hasUnescapedPipe(rest) && n + 1 < lines.length && isDelimiterRow(stripBlockPrefixes(lines[n + 1])))
      table = true
    if (table && isDelimiterRow(rest)) continue
    if (isBreakLine(rest) || isReferenceDefinition(rest)) continue
    inlineText(rest, table, out)
  }
  return out
}

/** The text a reader sees of Markdown `source`, lines joined by "\n". */
export function markdownVisibleText(source: string): string {
  const cps = visible(decode(source))
  let out = ''
  // In pieces: a spread of a whole long text would pass too many arguments.
  for (let i = 0; i < cps.length; i += 4096) out += String.fromCodePoint(...cps.slice(i, i + 4096))
  return out
}

/** The count of a plain text (a title, a summary). */
export function countPlainChars(text: string): number {
  let n = 0
  for (const cp of decode(text)) if (isCountedChar(cp)) ++n
  return n
}

/** The count of a Markdown text (a body). */
export function countMarkdownChars(source: string): number {
  let n = 0
  for (const cp of visible(decode(source))) if (isCountedChar(cp)) ++n
  return n
}
