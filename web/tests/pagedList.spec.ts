// composables/usePagedList.ts: the state PagedTable shows, and what overtakes what.
import { describe, expect, it } from 'vitest'
import { usePagedList } from '@/composables/usePagedList'
import type { Page } from '@/api/common'

function deferred<T>() {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('usePagedList', () => {
  it('asks for the current page with the query and keeps the answer', async () => {
    const asked: unknown[] = []
    const list = usePagedList<number, { q: string }>(
      async (query) => {
        asked.push(query)
        return { items: [1, 2], total: 42, page: query.page, page_size: query.page_size }
      },
      () => ({ q: '城市' }),
    )
    await list.changePage(3)
    expect(asked).toEqual([{ q: '城市', page: 3, page_size: 20 }])
    expect(list.items.value).toEqual([1, 2])
    expect(list.total.value).toBe(42)
    await list.changePageSize(50)
    expect(asked[1]).toEqual({ q: '城市', page: 1, page_size: 50 })
    await list.changePage(2)
    await list.search()
    expect(list.page.value).toBe(1)
  })

  it('drops an answer that a newer request overtook', async () => {
    const answers = [deferred<Page<string>>(), deferred<Page<string>>()]
    let n = 0
    const list = usePagedList<string, object>(() => answers[n++]!.promise, () => ({}))
    const first = list.load()
    const second = list.load()
    answers[1]!.resolve({ items: ['new'], total: 1, page: 1, page_size: 20 })
    await second
    answers[0]!.resolve({ items: ['old'], total: 9, page: 1, page_size: 20 })
    await first
    expect(list.items.value).toEqual(['new'])
    expect(list.loading.value).toBe(false)
  })

  it('keeps the error and empties the rows when a page fails', async () => {
    const list = usePagedList<string, object>(async () => Promise.reject(new Error('boom')), () => ({}))
    await list.load()
    expect((list.error.value as Error).message).toBe('boom')
    expect(list.items.value).toEqual([])
    expect(list.total.value).toBe(0)
  })
})
