// Fields (学科领域) and pools (专家库类别): /fields, /pools.
import { api } from './client'
import type { FieldNode, FieldPatch, Items, NewField, NewPool, Pool, PoolPatch } from './types'

export const listFields = () => api.get<Items<FieldNode>>('/fields')

export const createField = (input: NewField) => api.post<FieldNode>('/fields', input)

export const updateField = (id: number, patch: FieldPatch) => api.patch<FieldNode>(`/fields/${id}`, patch)

export const deleteField = (id: number) => api.delete(`/fields/${id}`)

export const listPools = () => api.get<Items<Pool>>('/pools')

export const createPool = (input: NewPool) => api.post<Pool>('/pools', input)

export const updatePool = (id: number, patch: PoolPatch) => api.patch<Pool>(`/pools/${id}`, patch)

export const deletePool = (id: number) => api.delete(`/pools/${id}`)
