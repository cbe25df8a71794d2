// A server-paged table: page, page size, total, loading and the last error, reloaded on demand.
import { ref, shallowRef } from 'vue'
import type { Page } from '@/api/common'

export function usePagedList<T, Q extends object>(fetchPage: (query: Q & { page: number; page_size: number }) => Promise<Page<T>>, query: () => Q, initialPageSize = 20) {
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

  /** Filters changed: back to the first page. */
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
