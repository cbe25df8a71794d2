// Bulk actions on a list: the rows ticked in PagedTable's checkbox column (kept across pages),
// and running one action on each of them with a report of what succeeded and what did not (each
// failure with the row's name and the server's reason). Items run one after another, so the
// server sees no burst and the report keeps the rows' order; a failure does not stop the rest.
//
//   const selection = useSelection<Expert>()
//   <PagedTable :list :selection …>   <BulkBar :selection …><el-button @click="approveAll">…
//   const bulk = useBulkRun<Expert>((e) => e.name)
//   await bulk.run(selection.rows.value, (e) => transitionExpert(e.id, 'approve', note))
//   <BulkResult :bulk />
import { computed, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'

export interface Selection<T> {
  rows: ShallowRef<T[]>
  count: ComputedRef<number>
  /** Wired by PagedTable to el-table's selection-change. */
  onChange(rows: T[]): void
  /** Unticks every row (also in the table). */
  clear(): void
  /** PagedTable registers how to untick its rows. */
  attach(clearTable: () => void): void
}

export function useSelection<T>(): Selection<T> {
  const rows = shallowRef<T[]>([])
  let clearTable: (() => void) | null = null
  return {
    rows,
    count: computed(() => rows.value.length),
    onChange: (next) => (rows.value = [...next]),
    clear: () => {
      rows.value = []
      clearTable?.()
    },
    attach: (fn) => (clearTable = fn),
  }
}

export interface BulkFailure<T> {
  row: T
  label: string
  error: unknown
}

export interface BulkReport<T> {
  /** i18n key or text of what was done (shown as the report's title). */
  title: string
  done: T[]
  failed: BulkFailure<T>[]
}

export interface BulkRun<T> {
  running: Ref<boolean>
  /** Items finished so far in the current run, and how many there are. */
  progress: Ref<{ done: number; total: number }>
  /** The last run's report (null until a run ends; cleared by dismiss()). */
  report: ShallowRef<BulkReport<T> | null>
  /** Runs `action` on each row in order; resolves with the report. */
  run(rows: readonly T[], action: (row: T) => Promise<unknown>, title?: string): Promise<BulkReport<T>>
  dismiss(): void
}

export function useBulkRun<T>(labelOf: (row: T) => string): BulkRun<T> {
  const running = ref(false)
  const progress = ref({ done: 0, total: 0 })
  const report = shallowRef<BulkReport<T> | null>(null)

  async function run(rows: readonly T[], action: (row: T) => Promise<unknown>, title = ''): Promise<BulkReport<T>> {
    running.value = true
    progress.value = { done: 0, total: rows.length }
    const out: BulkReport<T> = { title, done: [], failed: [] }
    try {
      for (const row of rows) {
        try {
          await action(row)
          out.done.push(row)
        } catch (error) {
          out.failed.push({ row, label: labelOf(row), error })
        }
        progress.value = { done: progress.value.done + 1, total: rows.length }
      }
    } finally {
      running.value = false
      report.value = out
    }
    return out
  }

  return { running, progress, report, run, dismiss: () => (report.value = null) }
}
