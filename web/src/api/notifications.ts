// In-app notifications: /notifications.
import { api } from './client'
import type { NotificationPage, PageQuery } from './types'

export const listNotifications = (query: PageQuery & { unread?: boolean }) =>
  api.get<NotificationPage>('/notifications', { ...query })

export const markNotificationRead = (id: number) => api.post<void>(`/notifications/${id}/read`)

export const markAllNotificationsRead = () => api.post<void>('/notifications/read-all')
