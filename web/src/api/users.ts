// User administration (admin): /users.
import { api } from './client'
import type { Answer, QueryOf, RequestBody, Schemas } from './contract'

export type User = Schemas['User']
export type UserStatus = Schemas['UserStatus']
export type UserQuery = QueryOf<'listUsers'>
export type NewUser = RequestBody<'createUser'>
export type UserPatch = RequestBody<'updateUser'>

export const listUsers = (query: UserQuery) => api.get<Answer<'listUsers'>>('/users', query)

export const createUser = (input: NewUser) => api.post<Answer<'createUser'>>('/users', input)

export const getUser = (id: number) => api.get<Answer<'getUser'>>(`/users/${id}`)

export const updateUser = (id: number, patch: UserPatch) => api.patch<Answer<'updateUser'>>(`/users/${id}`, patch)

export const resetUserPassword = (id: number) => api.post<Answer<'resetUserPassword'>>(`/users/${id}/password-reset`)

export const resetUserTotp = (id: number) => api.post<Answer<'resetUserTotp'>>(`/users/${id}/totp-reset`)
