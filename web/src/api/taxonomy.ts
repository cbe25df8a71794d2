// Fields (学科领域) and pools (专家库类别): /fields, /pools.
import { api } from './client'
import type { Answer, RequestBody, Schemas } from './contract'

export type FieldNode = Schemas['FieldNode']
export type Pool = Schemas['Pool']

export const listFields = () => api.get<Answer<'listFields'>>('/fields')

export const createField = (input: RequestBody<'createField'>) => api.post<Answer<'createField'>>('/fields', input)

export const updateField = (id: number, patch: RequestBody<'updateField'>) =>
  api.patch<Answer<'updateField'>>(`/fields/${id}`, patch)

export const deleteField = (id: number) => api.delete<Answer<'deleteField'>>(`/fields/${id}`)

export const listPools = () => api.get<Answer<'listPools'>>('/pools')

export const createPool = (input: RequestBody<'createPool'>) => api.post<Answer<'createPool'>>('/pools', input)

export const updatePool = (id: number, patch: RequestBody<'updatePool'>) => api.patch<Answer<'updatePool'>>(`/pools/${id}`, patch)

export const deletePool = (id: number) => api.delete<Answer<'deletePool'>>(`/pools/${id}`)
