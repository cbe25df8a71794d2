// In-app notifications: /notifications.
import { api } from './client'
import type { Answer, QueryOf, Schemas } from './contract'

export type Notification = Schemas['Notification']

export const listNotifications = (query: QueryOf<'listNotifications'>) =>
  api.get<Answer<'listNotifications'>>('/notifications', query)

export const markNotificationRead = (id: number) => api.post<Answer<'markNotificationRead'>>(`/notifications/${id}/read`)

export const markAllNotificationsRead = () => api.post<Answer<'markAllNotificationsRead'>>('/notifications/read-all')
