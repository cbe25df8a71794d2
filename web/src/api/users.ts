// User administration (admin): /users.
import { api } from './client'
import type { CreatedUser, NewUser, OneTimePassword, Page, User, UserPatch, UserQuery } from './types'

export const listUsers = (query: UserQuery) => api.get<Page<User>>('/users', { ...query })

export const createUser = (input: NewUser) => api.post<CreatedUser>('/users', input)

export const getUser = (id: number) => api.get<User>(`/users/${id}`)

export const updateUser = (id: number, patch: UserPatch) => api.patch<User>(`/users/${id}`, patch)

export const resetUserPassword = (id: number) => api.post<OneTimePassword>(`/users/${id}/password-reset`)

export const resetUserTotp = (id: number) => api.post<void>(`/users/${id}/totp-reset`)
