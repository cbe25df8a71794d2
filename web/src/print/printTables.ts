// An Element Plus table prints badly as it is: its header and body are two <table>s with column
// widths in pixels measured for the screen, so on A4 the right-hand columns are cut off and the
// header shows on the first page only. Just before printing, each table's columns get the same
// share of the paper's width as they had of the screen's (both tables alike, so they still line
// up), the selection column goes, and a copy of the header row is put into the body table as its
// <thead>, which the browser repeats on every printed page (print.css shows it in print only and
// hides the separate header). After printing all of it is undone.

const FITTED = 'data-zk-print-fitted'
const THEAD_CLASS = 'zk-print-thead'

function colWidths(table: HTMLTableElement): number[] {
  return [...table.querySelectorAll(':scope > colgroup > col')].map((c) => {
    const col = c as HTMLTableColElement
    if (col.getAttribute('name') === 'gutter') return 0
    return Number(col.getAttribute('width')) || col.getBoundingClientRect().width || 0
  })
}

// The checkbox column's places among the <col>s (each col is named like its cells' class).
function selectionColumns(el: HTMLElement, table: HTMLTableElement): Set<number> {
  const out = new Set<number>()
  ;[...table.querySelectorAll(':scope > colgroup > col')].forEach((c, i) => {
    const name = c.getAttribute('name')
    if (name && el.querySelector(`.${CSS.escape(name)}.el-table-column--selection`)) out.add(i)
  })
  return out
}

function setShares(table: HTMLTableElement, shares: number[]): void {
  table.style.width = '100%'
  table.style.tableLayout = 'fixed'
  table.querySelectorAll(':scope > colgroup > col').forEach((c, i) => {
    ;(c as HTMLElement).style.width = `${shares[i] ?? 0}%`
  })
}

/** Fits every Element Plus table under `root` to the paper and repeats its header. Idempotent. */
export function fitTablesForPrint(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('.el-table').forEach((el) => {
    if (el.hasAttribute(FITTED)) return
    const head = el.querySelector<HTMLTableElement>('.el-table__header-wrapper table')
    const body = el.querySelector<HTMLTableElement>('.el-table__body-wrapper table')
    if (!body) return
    const widths = colWidths(body)
    const skip = selectionColumns(el, body)
    const total = widths.reduce((sum, w, i) => sum + (skip.has(i) ? 0 : w), 0)
    if (total > 0) {
      const shares = widths.map((w, i) => (skip.has(i) ? 0 : (w / total) * 100))
      setShares(body, shares)
      if (head) setShares(head, shares)
    }
    const thead = head?.querySelector('thead')
    if (thead && !body.querySelector(`:scope > thead.${THEAD_CLASS}`)) {
      const copy = thead.cloneNode(true) as HTMLElement
      copy.classList.add(THEAD_CLASS)
      copy.removeAttribute('style')
      body.insertBefore(copy, body.querySelector(':scope > tbody'))
    }
    el.setAttribute(FITTED, '')
  })
}

/** Undoes fitTablesForPrint. */
export function restoreTablesAfterPrint(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>(`.el-table[${FITTED}]`).forEach((el) => {
    el.querySelectorAll(`thead.${THEAD_CLASS}`).forEach((t) => t.remove())
    el.querySelectorAll<HTMLTableElement>('.el-table__header-wrapper table, .el-table__body-wrapper table').forEach((table) => {
      table.style.removeProperty('width')
      table.style.removeProperty('table-layout')
      table.querySelectorAll<HTMLElement>(':scope > colgroup > col').forEach((c) => c.style.removeProperty('width'))
    })
    el.removeAttribute(FITTED)
  })
}
