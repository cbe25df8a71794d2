// A server-paged list whose filters, sort, page and page size live in the address: every change
// is written to the route's query (router.replace, so the back button leaves the list instead of
// stepping through filter changes), a reload or a shared link shows the same rows, and coming
// back from a record returns to the same filters, sort and page. The last address of each list
// is remembered for the 返回列表 link of detail pages (`listLocation`).
//
//   const { filters, list, search, reset, tableSort } = useListState({
//     name: 'experts',
//     filters: { q: param.text(), status: param.oneOf(['active', 'pending', 'all'], 'active'), field_id: param.id() },
//     sort: { default: '' },
//     fetch: (f, page) => listExperts({ ...apiFilters(f), ...page }),
//   })
//   <PagedTable :list="list" v-bind="tableSort" …>
import { reactive, ref, watch, type Ref, type UnwrapRef } from 'vue'
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router'
import type { Page } from '@/api/common'
import { PAGE_SIZES, usePagedList, type PagedList } from './usePagedList'

/** How one filter reads from and writes to the query string. The default is never written. */
export interface Param<V> {
  read(raw: string | undefined): V
  /** The text for the address; undefined leaves the parameter out. */
  write(value: V): string | undefined
  readonly fallback: V
}

function first(v: LocationQuery[string] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' ? s : undefined
}

export const param = {
  /** Free text; empty by default. */
  text(fallback = ''): Param<string> {
    return {
      fallback,
      read: (raw) => raw ?? fallback,
      write: (v) => (v === fallback ? undefined : v),
    }
  },
  /** A positive integer id, or null. */
  id(): Param<number | null> {
    return {
      fallback: null,
      read: (raw) => {
        const n = Number(raw)
        return raw !== undefined && Number.isInteger(n) && n > 0 ? n : null
      },
      write: (v) => (v === null ? undefined : String(v)),
    }
  },
  /** A list of positive integer ids, written as 1,2,3. */
  ids(): Param<number[]> {
    return {
      fallback: [],
      read: (raw) =>
        (raw ?? '')
          .split(',')
          .map(Number)
          .filter((n) => Number.isInteger(n) && n > 0),
      write: (v) => (v.length ? v.join(',') : undefined),
    }
  },
  /** true when the parameter says `true`. */
  flag(): Param<boolean> {
    return {
      fallback: false,
      read: (raw) => raw === 'true',
      write: (v) => (v ? 'true' : undefined),
    }
  },
  /** One of a fixed set of values; anything else reads as the fallback. */
  oneOf<const V extends string, F extends V | ''>(values: readonly V[], fallback: F): Param<V | F> {
    return {
      fallback,
      read: (raw) => (raw !== undefined && (values as readonly string[]).includes(raw) ? (raw as V) : fallback),
      write: (v) => (v === fallback ? undefined : v),
    }
  },
}

export type Params<F> = { [K in keyof F]: Param<F[K]> }

export interface ListAddress<F> {
  filters: F
  sort: string
  page: number
  pageSize: number
}

export interface ListStateConfig<F> {
  filters: Params<F>
  /** The sort when the address names none, and the values the address may name (any when absent). */
  sort?: { default: string; allowed?: readonly string[] }
  pageSize?: number
}

const RESERVED = ['sort', 'page', 'page_size']

/** The list state an address describes (pure). */
export function readListAddress<F>(query: LocationQuery, config: ListStateConfig<F>): ListAddress<F> {
  const filters = {} as F
  for (const key of Object.keys(config.filters) as (keyof F & string)[]) {
    if (RESERVED.includes(key)) throw new Error(`filter "${key}" clashes with the list's own parameter`)
    filters[key] = config.filters[key].read(first(query[key]))
  }
  const fallbackSort = config.sort?.default ?? ''
  const sort = first(query.sort)
  const allowed = config.sort?.allowed
  const defaultSize = config.pageSize ?? PAGE_SIZES[0]!
  const page = Number(first(query.page))
  const size = Number(first(query.page_size))
  return {
    filters,
    sort: sort !== undefined && (!allowed || allowed.includes(sort)) ? sort : fallbackSort,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: PAGE_SIZES.includes(size) ? size : defaultSize,
  }
}

/** The address of a list state, leaving out every default (pure). */
export function writeListAddress<F>(state: ListAddress<F>, config: ListStateConfig<F>): LocationQueryRaw {
  const out: LocationQueryRaw = {}
  for (const key of Object.keys(config.filters) as (keyof F & string)[]) {
    const text = config.filters[key].write(state.filters[key])
    if (text !== undefined) out[key] = text
  }
  if (state.sort !== (config.sort?.default ?? '')) out.sort = state.sort
  if (state.page !== 1) out.page = String(state.page)
  if (state.pageSize !== (config.pageSize ?? PAGE_SIZES[0])) out.page_size = String(state.pageSize)
  return out
}

/** The default filters of a list (what 重置 returns to). */
export function defaultFilters<F>(config: ListStateConfig<F>): F {
  const out = {} as F
  for (const key of Object.keys(config.filters) as (keyof F)[]) {
    const fallback = config.filters[key].fallback
    out[key] = (Array.isArray(fallback) ? [...fallback] : fallback) as F[keyof F]
  }
  return out
}

// ---- the last address of each list, for 返回列表 (kept for the tab's life)

const STORAGE_KEY = 'zhiku.lists'
const remembered = new Map<string, string>()

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null
  }
}

function loadRemembered(): void {
  if (remembered.size > 0) return
  try {
    const saved = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? '{}') as Record<string, unknown>
    for (const [k, v] of Object.entries(saved)) if (typeof v === 'string') remembered.set(k, v)
  } catch {
    // A damaged entry only costs the remembered filters.
  }
}

/** Remembers where list `name` was last shown (its path and query). */
export function rememberListLocation(name: string, fullPath: string): void {
  loadRemembered()
  remembered.set(name, fullPath)
  storage()?.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(remembered)))
}

/** Where 返回列表 leads for list `name`: its last address, else `fallback`. */
export function listLocation(name: string, fallback: string): string {
  loadRemembered()
  return remembered.get(name) ?? fallback
}

// ---- the composable

export interface ListStateOptions<T, F> extends ListStateConfig<F> {
  /** The list's route name: where its address is remembered for 返回列表. */
  name: string
  /** Fetches one page; `page` holds sort, page and page_size. */
  fetch: (filters: F, page: { sort: string; page: number; page_size: number }) => Promise<Page<T>>
  /** Maps an el-table column's prop to the sort value the API takes (`prop` / `-prop` when absent). */
  sortKeys?: Record<string, string>
}

export interface TableSort {
  defaultSort: { prop: string; order: 'ascending' | 'descending' } | undefined
  onSortChange: (e: { prop: string | null; order: string | null }) => void
}

export interface ListState<T, F> {
  /** The filter form's model: edit it, then call `search()`. */
  filters: UnwrapRef<F>
  sort: Ref<string>
  list: PagedList<T>
  /** Applies the filters from the first page and writes the address. */
  search(): Promise<void>
  /** Back to the default filters and sort. */
  reset(): Promise<void>
  /** Bind to PagedTable / el-table: `v-bind="tableSort"`. Reactive. */
  tableSort: TableSort
}

export function useListState<T, F extends object>(options: ListStateOptions<T, F>): ListState<T, F> {
  const route = useRoute()
  const router = useRouter()
  const initial = readListAddress(route.query, options)
  const filters = reactive(initial.filters) as UnwrapRef<F>
  const sort = ref(initial.sort)
  let applied: F = structuredClone(initial.filters)

  const list = usePagedList<T, object>(
    (q) => {
      const { page, page_size } = q as { page: number; page_size: number }
      return options.fetch(applied, { sort: sort.value, page, page_size })
    },
    () => ({}),
    initial.pageSize,
  )
  list.page.value = initial.page

  let written = ''
  function writeAddress(): void {
    const query = writeListAddress({ filters: applied, sort: sort.value, page: list.page.value, pageSize: list.pageSize.value }, options)
    const target = router.resolve({ path: route.path, query, hash: route.hash })
    written = target.fullPath
    rememberListLocation(options.name, target.fullPath)
    if (target.fullPath !== route.fullPath) void router.replace(target)
  }

  // The pager and page-size changes of PagedTable go through the list: keep the address with them.
  const changePage = list.changePage
  const changePageSize = list.changePageSize
  list.changePage = async (p: number) => {
    const done = changePage(p)
    writeAddress()
    await done
  }
  list.changePageSize = async (size: number) => {
    const done = changePageSize(size)
    writeAddress()
    await done
  }

  async function search(): Promise<void> {
    applied = structuredClone(toPlain(filters) as F)
    list.page.value = 1
    writeAddress()
    await list.load()
  }

  async function reset(): Promise<void> {
    Object.assign(filters as object, defaultFilters(options))
    sort.value = options.sort?.default ?? ''
    await search()
  }

  // Another address for the same page (the menu entry clicked while filtered, a link from a
  // card, back/forward): show what it says.
  watch(
    () => route.fullPath,
    (path) => {
      if (path === written || route.name !== options.name) return
      const next = readListAddress(route.query, options)
      Object.assign(filters as object, next.filters)
      applied = structuredClone(next.filters)
      sort.value = next.sort
      list.page.value = next.page
      list.pageSize.value = next.pageSize
      written = path
      rememberListLocation(options.name, path)
      void list.load()
    },
  )

  const sortKeys = options.sortKeys ?? {}
  const tableSort = reactive<TableSort>({
    get defaultSort() {
      const s = sort.value
      if (!s) return undefined
      const descending = s.startsWith('-')
      const key = descending ? s.slice(1) : s
      const prop = Object.entries(sortKeys).find(([, v]) => v === key)?.[0] ?? key
      return { prop, order: descending ? ('descending' as const) : ('ascending' as const) }
    },
    onSortChange({ prop, order }) {
      const key = prop ? (sortKeys[prop] ?? prop) : ''
      sort.value = !key || !order ? (options.sort?.default ?? '') : order === 'descending' ? `-${key}` : key
      void search()
    },
  }) as TableSort

  rememberListLocation(options.name, route.fullPath)
  written = route.fullPath
  return { filters, sort, list, search, reset, tableSort }
}

function toPlain<V>(value: V): V {
  return JSON.parse(JSON.stringify(value)) as V
}
