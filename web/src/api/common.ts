// Shapes every area shares: roles and the list envelopes.
import type { Schemas } from './contract'

export type Role = Schemas['Role']
export const ALL_ROLES: Role[] = ['admin', 'coordinator', 'expert', 'leader']

/** `{items, total, page, page_size}`: a page of a list (SPEC "Lists"). */
export type Page<T> = Schemas['PageInfo'] & { items: T[] }

/** `{items}`: a short list answered whole. */
export interface Items<T> {
  items: T[]
}

export interface PageQuery {
  page?: number
  page_size?: number
}
