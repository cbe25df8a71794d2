// Shapes of the JSON the API sends and takes (schema/openapi.yaml is the contract).

export type Role = 'admin' | 'coordinator' | 'expert' | 'leader'
export const ALL_ROLES: Role[] = ['admin', 'coordinator', 'expert', 'leader']

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

export interface Items<T> {
  items: T[]
}

export interface PageQuery {
  page?: number
  page_size?: number
}

// ---- identity ----

export type UserStatus = 'active' | 'disabled'

export interface User {
  id: number
  username: string
  display_name: string
  email: string
  roles: Role[]
  status: UserStatus
  must_change_password: boolean
  totp_enabled: boolean
  totp_required: boolean
  expert_id: number | null
  created_at: string
  updated_at: string
  version: number
}

export interface SignedIn {
  user: User
  csrf_token: string
}

export interface LoginResult extends SignedIn {
  second_factor_required: boolean
}

export interface Session {
  id: string
  created_at: string
  last_seen_at: string
  client_address: string
  user_agent: string
  current: boolean
}

export interface TotpSetup {
  secret: string
  otpauth_uri: string
}

export interface ApiToken {
  id: number
  name: string
  created_at: string
  expires_at: string
  last_used_at: string | null
}

export interface CreatedToken {
  id: number
  name: string
  token: string
  expires_at: string
}

export interface UserQuery extends PageQuery {
  q?: string
  role?: Role | ''
  status?: UserStatus | ''
}

export interface NewUser {
  username: string
  display_name: string
  email: string
  roles: Role[]
}

export interface UserPatch {
  version: number
  display_name?: string
  email?: string
  roles?: Role[]
  status?: UserStatus
}

export interface CreatedUser {
  user: User
  one_time_password: string
}

export interface OneTimePassword {
  one_time_password: string
}

// ---- audit ----

export interface AuditEntry {
  id: number
  at: string
  actor_id: number | null
  actor_name: string | null
  action: string
  entity_type: string
  entity_id: number | string | null
  diff: Record<string, unknown> | null
  request_id: string | null
  client_address: string | null
}

export interface AuditQuery extends PageQuery {
  actor_id?: number | ''
  entity_type?: string
  entity_id?: number | ''
  action?: string
  from?: string
  to?: string
}

// ---- experts ----

export type ExpertStatus = 'pending' | 'active' | 'suspended' | 'retired'
export type ExpertAction = 'approve' | 'reject' | 'suspend' | 'reinstate' | 'retire'
export const EXPERT_ACTIONS: ExpertAction[] = ['approve', 'reject', 'suspend', 'reinstate', 'retire']
export type Gender = 'male' | 'female'
export type Category = 'domestic' | 'overseas'
export type Academician = 'CAS' | 'CAE'

export interface NamedRef {
  id: number
  name: string
}

export interface Employment {
  organization: string
  from: string
  to: string | null
}

export interface ExpertStats {
  reviews_done: number
  on_time_rate: number | null
  avg_rating: number | null
  submissions: number
  adoptions: number
  endorsements: number
}

export interface Expert {
  id: number
  version: number
  status: ExpertStatus
  allowed_actions: ExpertAction[]
  name: string
  gender: Gender | null
  birth_year: number | null
  title: string | null
  position: string | null
  organization: string
  department: string | null
  employment: Employment[]
  fields: NamedRef[]
  keywords: string[]
  category: Category
  country: string | null
  academician: Academician | null
  pools: NamedRef[]
  phone?: string | null
  email?: string | null
  bio: string
  user_id: number | null
  confirmed_at: string | null
  stale: boolean
  status_reason: string | null
  created_at: string
  updated_at: string
  stats: ExpertStats
  /** Search hit snippet: plain text where <mark>…</mark> wraps the matches. */
  highlight?: string
}

export type ExpertSort =
  | 'name'
  | '-name'
  | 'updated_at'
  | '-updated_at'
  | 'birth_year'
  | '-birth_year'
  | 'relevance'

export interface ExpertFilters {
  q?: string
  field_id?: number | null
  title?: string
  category?: Category | ''
  country?: string
  academician?: Academician | 'any' | 'none' | ''
  pool_id?: number | null
  status?: ExpertStatus | ''
  organization?: string
  stale?: boolean | null
  sort?: ExpertSort | ''
}

export interface ExpertQuery extends ExpertFilters, PageQuery {
  /** Also count the matches per status, category and pool, and the stale ones. */
  facets?: boolean
}

/** How many experts each choice of a filter would find, the other filters applied. */
export interface ExpertFacets {
  status: Record<ExpertStatus, number>
  category: Partial<Record<Category, number>>
  /** Pool id → members among the matches. */
  pool: Record<string, number>
  stale: number
}

export interface ExpertPage extends Page<Expert> {
  facets?: ExpertFacets
}

/** The editable profile, as sent on create and update. */
export interface ExpertInput {
  name: string
  gender: Gender | null
  birth_year: number | null
  title: string | null
  position: string | null
  organization: string
  department: string | null
  employment: Employment[]
  field_ids: number[]
  keywords: string[]
  category: Category
  country: string | null
  academician: Academician | null
  pool_ids?: number[]
  phone: string | null
  email: string | null
  bio: string
}

export interface ExpertPatch extends Partial<ExpertInput> {
  version: number
}

export interface InviteResult {
  user: Pick<User, 'id' | 'username' | 'display_name' | 'email' | 'roles' | 'must_change_password' | 'expert_id'>
  one_time_password: string
}

/** What the expert lookup tells of an active expert: enough to name them, nothing more. */
export interface ExpertLookupItem {
  id: number
  name: string
  organization: string
  department: string | null
}

export type ConflictKind = 'person' | 'organization'

export interface Conflict {
  id: number
  expert_id?: number
  kind: ConflictKind
  other_expert_id: number | null
  name: string
  until: string | null
  note: string
  created_at: string
}

export interface NewConflict {
  kind: ConflictKind
  other_expert_id?: number
  name: string
  until?: string
  note?: string
}

export interface ExpertApplication {
  name: string
  gender?: Gender
  birth_year?: number
  title?: string
  organization: string
  email: string
  phone?: string
  field_ids?: number[]
  keywords?: string[]
  bio?: string
  category?: Category
  country?: string
}

export interface ApplicationReceipt {
  id: number
  status: ExpertStatus
  receipt?: string
}

export interface ImportRowError {
  row: number
  column: string
  message: string
}

export interface ImportDuplicate {
  row: number
  key: 'email' | 'phone'
  value: string
  other_row: number | null
  existing_expert_id: number | null
}

export interface ImportPreviewRow {
  row: number
  valid?: boolean
  name: string
  organization: string
  email?: string | null
  phone?: string | null
  title?: string | null
  [key: string]: unknown
}

export interface ImportReport {
  dry_run: boolean
  rows_total: number
  valid_rows: number
  errors: ImportRowError[]
  duplicates: ImportDuplicate[]
  preview: ImportPreviewRow[]
  imported: number
  expert_ids?: number[]
}

// ---- taxonomy ----

export interface FieldNode {
  id: number
  code: string | null
  name: string
  name_en: string | null
  parent_id: number | null
  version?: number
  children: FieldNode[]
}

export interface NewField {
  name: string
  name_en?: string
  code?: string
  parent_id?: number
}

export interface FieldPatch {
  version: number
  name?: string
  name_en?: string
}

export interface Pool {
  id: number
  name: string
  description: string
  member_count: number
  version: number
}

export interface NewPool {
  name: string
  description?: string
}

export interface PoolPatch {
  version: number
  name?: string
  description?: string
}

// ---- notifications, system ----

export interface NotificationPage extends Page<Notification> {
  /** The caller's unread count, whatever the filter. */
  unread?: number
}

export interface Notification {
  id: number
  kind: string
  title: string
  body: string
  link: string | null
  created_at: string
  read_at: string | null
}

export interface Health {
  status: string
  version: string
  database: string
  uptime_seconds: number
}
