// The printed page of the whole app: the reader line SPEC asks of printed copies (who printed it,
// when, and the id of the request that read what is shown) in the top margin of every page and
// the page number in the bottom one, as CSS @page margin boxes (Chromium ≥ 131), plus the
// adjustments an Element Plus table needs to print whole (see printTables.ts). The pure parts are
// exported for tests; `usePrintPage` installs them for a page.
import { onBeforeUnmount, onMounted } from 'vue'
import { fitTablesForPrint, restoreTablesAfterPrint } from './printTables'

export interface Reader {
  /** The signed-in user's display name and user name. */
  name: string
  at: Date
  /** X-Request-Id of the answer that read what the page shows ('' when unknown). */
  requestId: string
}

type Translate = (key: string, values?: Record<string, unknown>) => string

/** 打印人：张三 · 打印时间：2026-12-02 15:04 · 请求编号：k3J9a-17 */
export function readerLine(r: Reader, t: Translate, time: (d: Date) => string): string {
  const parts = [t('print.reader', { name: r.name }), t('print.printedAt', { at: time(r.at) })]
  if (r.requestId) parts.push(t('print.requestId', { id: r.requestId }))
  return parts.join(' · ')
}

/** `s` as a CSS string literal (for `content:`), safe for any text. */
export function cssString(s: string): string {
  let out = '"'
  for (const ch of s) {
    const code = ch.codePointAt(0)!
    if (ch === '"' || ch === '\\' || code < 0x20 || code === 0x7f || ch === '<' || ch === '>') out += `\\${code.toString(16)} `
    else out += ch
  }
  return out + '"'
}

/**
 * A message with {page} and {pages} as a CSS `content` value with page counters:
 * '第 {page} 页，共 {pages} 页' → "第 " counter(page) " 页，共 " counter(pages) " 页".
 */
export function counterContent(template: string): string {
  const parts: string[] = []
  let rest = template
  for (;;) {
    const m = /\{(page|pages)\}/.exec(rest)
    if (!m) break
    if (m.index > 0) parts.push(cssString(rest.slice(0, m.index)))
    parts.push(`counter(${m[1]})`)
    rest = rest.slice(m.index + m[0].length)
  }
  if (rest) parts.push(cssString(rest))
  return parts.join(' ') || '""'
}

/** The @page rules: A4, margins, the reader line at the top right, the page number at the bottom. */
export function pageRules(line: string, pageTemplate: string): string {
  return [
    '@page {',
    '  size: A4;',
    '  margin: 16mm 14mm 16mm 14mm;',
    `  @top-right { content: ${cssString(line)}; font-size: 8pt; color: #555; vertical-align: bottom; }`,
    `  @bottom-center { content: ${counterContent(pageTemplate)}; font-size: 8pt; color: #555; vertical-align: top; }`,
    '}',
  ].join('\n')
}

const STYLE_ID = 'zk-print-page'

function styleElement(): HTMLStyleElement {
  let el = document.getElementById(STYLE_ID) as HTMLStyleElement | null
  if (!el) {
    el = document.createElement('style')
    el.id = STYLE_ID
    document.head.appendChild(el)
  }
  return el
}

export interface PrintPageOptions {
  /** The reader as of now (called again just before printing). */
  reader: () => Reader
  t: Translate
  time: (d: Date) => string
}

/** Writes the @page rules for the reader as of now. */
export function updatePrintPage(o: PrintPageOptions): void {
  styleElement().textContent = pageRules(readerLine(o.reader(), o.t, o.time), o.t('print.pageOf', { page: '{page}', pages: '{pages}' }))
}

/**
 * Keeps the @page rules current while the calling component is mounted and fits the tables to the
 * paper when printing starts (the print dialog, window.print(), or print media emulated).
 */
export function usePrintPage(o: PrintPageOptions): { refresh: () => void } {
  const refresh = () => updatePrintPage(o)
  const before = () => {
    refresh()
    fitTablesForPrint(document)
  }
  const after = () => restoreTablesAfterPrint(document)
  let media: MediaQueryList | null = null
  const onMedia = (e: MediaQueryListEvent) => (e.matches ? before() : after())
  onMounted(() => {
    refresh()
    window.addEventListener('beforeprint', before)
    window.addEventListener('afterprint', after)
    media = window.matchMedia('print')
    media.addEventListener('change', onMedia)
  })
  onBeforeUnmount(() => {
    window.removeEventListener('beforeprint', before)
    window.removeEventListener('afterprint', after)
    media?.removeEventListener('change', onMedia)
  })
  return { refresh }
}
