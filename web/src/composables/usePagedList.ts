// A server-paged list: page, page size, total, loading and the last error, reloaded on demand.
// PagedTable shows one. Its state is plain refs, so other pieces can drive it: one that keeps
// the page in the address sets `page`/`pageSize` and calls `load()`; one that acts on selected
// rows reads `items` and calls `load()` after.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue'
import type { Page } from '@/api/common'

export interface PagedList<T> {
  items: ShallowRef<T[]>
  total: Ref<number>
  /** 1-based. */
  page: Ref<number>
  pageSize: Ref<number>
  loading: Ref<boolean>
  error: Ref<unknown>
  /** Fetches the current page with the current query; an answer overtaken by a newer request is dropped. */
  load(): Promise<void>
  /** The query changed: back to the first page. */
  search(): Promise<void>
  changePage(page: number): Promise<void>
  /** A new page size, from the first page. */
  changePageSize(size: number): Promise<void>
}

export const PAGE_SIZES = [20, 50, 100]

export function usePagedList<T, Q extends object>(
  fetchPage: (query: Q & { page: number; page_size: number }) => Promise<Page<T>>,
  query: () => Q,
  initialPageSize = PAGE_SIZES[0]!,
): PagedList<T> {
  const items = shallowRef<T[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(initialPageSize)
  const loading = ref(false)
  const error = ref<unknown>(null)
  let sequence = 0

  async function load(): Promise<void> {
    const mine = ++sequence
    loading.value = true
    error.value = null
    try {
      const result = await fetchPage({ ...query(), page: page.value, page_size: pageSize.value })
      if (mine !== sequence) return // a newer request has been sent meanwhile
      items.value = result.items
      total.value = result.total
    } catch (e) {
      if (mine !== sequence) return
      error.value = e
      items.value = []
      total.value = 0
    } finally {
      if (mine === sequence) loading.value = false
    }
  }

  function search(): Promise<void> {
    page.value = 1
    return load()
  }

  function changePage(p: number): Promise<void> {
    page.value = p
    return load()
  }

  function changePageSize(size: number): Promise<void> {
    pageSize.value = size
    page.value = 1
    return load()
  }

  return { items, total, page, pageSize, loading, error, load, search, changePage, changePageSize }
}
