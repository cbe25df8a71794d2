// The reader of a printed page: the signed-in user, the time, the request id of what the page
// read. AppShell installs it for every signed-in page (Ctrl+P), PrintFrame for print views.
import { useI18n } from 'vue-i18n'
import { lastReadRequestId } from '@/api/client'
import { useAuthStore } from '@/stores/auth'
import { usePrintPage, type Reader } from './printPage'

export function printTime(d: Date, locale: string): string {
  return d.toLocaleString(locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
}

/** `requestId`: the id of the page's own read; the latest GET's when absent. */
export function usePrintReader(requestId?: () => string) {
  const { t, locale } = useI18n()
  const auth = useAuthStore()
  const reader = (): Reader => {
    const u = auth.user
    const name = u ? (u.display_name && u.display_name !== u.username ? `${u.display_name}（${u.username}）` : u.username) : ''
    return { name, at: new Date(), requestId: requestId?.() || lastReadRequestId() }
  }
  const page = usePrintPage({ reader, t, time: (d) => printTime(d, locale.value) })
  return { reader, refresh: page.refresh }
}
