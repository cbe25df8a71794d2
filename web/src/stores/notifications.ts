// Unread notifications for the header badge.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '@/api/notifications'
import type { Notification } from '@/api/notifications'

export const useNotificationStore = defineStore('notifications', () => {
  const unread = ref<Notification[]>([])
  const unreadTotal = ref(0)

  async function refresh(): Promise<void> {
    try {
      const page = await listNotifications({ unread: true, page: 1, page_size: 10 })
      unread.value = page.items
      unreadTotal.value = page.unread ?? page.total
    } catch {
      // The badge is a courtesy: a failure leaves the last count.
    }
  }

  async function markRead(id: number): Promise<void> {
    await markNotificationRead(id)
    unread.value = unread.value.filter((n) => n.id !== id)
    unreadTotal.value = Math.max(0, unreadTotal.value - 1)
  }

  async function markAllRead(): Promise<void> {
    await markAllNotificationsRead()
    unread.value = []
    unreadTotal.value = 0
  }

  function reset(): void {
    unread.value = []
    unreadTotal.value = 0
  }

  return { unread, unreadTotal, refresh, markRead, markAllRead, reset }
})
