// What ProblemAlert shows for an error: the message, a hint for statuses that need one, and the
// field errors the message does not already say. Pure, so it is tested without a DOM.
import { ApiError, type FieldError } from '@/api/client'
import { termLabel, type Terms } from './terms'

export interface ProblemView {
  message: string
  hint: string
  fields: FieldError[]
}

type Translate = (key: string, values?: Record<string, unknown>) => string

export interface ProblemOptions {
  /** List the field errors too (forms that show them beside the fields pass false). */
  showFields?: boolean
  /** The labels of the actions a 409 may name as allowed now (the area's table); unlabelled ones show as sent. */
  actions?: Partial<Terms>
}

export function describeProblem(e: unknown, t: Translate, options: ProblemOptions = {}): ProblemView | null {
  const { showFields = true, actions } = options
  if (!e) return null
  if (!(e instanceof ApiError)) {
    return { message: e instanceof Error ? e.message : String(e), hint: '', fields: [] }
  }
  let message = e.detail || e.title
  let hint = ''
  if (e.status === 0) message = t('errors.network')
  else if (e.status === 412) hint = t('errors.stale')
  else if (e.status === 429 && e.retryAfter !== null) hint = t('errors.retryAfter', { n: e.retryAfter })
  else if (e.status === 403 && !e.detail) message = t('errors.forbidden')
  else if (e.status === 404 && !e.detail) message = t('errors.notFound')
  else if (e.status >= 500) hint = t('errors.server')
  if (!message) message = t('errors.generic', { status: e.status })
  const allowed = Array.isArray(e.body?.allowed) ? (e.body.allowed as unknown[]).map(String) : []
  if (e.status === 409 && allowed.length > 0) {
    hint = t('errors.allowedActions', { actions: allowed.map((a) => termLabel(actions, a, t)).join(t('common.listSeparator')) })
  }
  // The server often repeats a lone field error in `detail`: list only what it does not say.
  const fields = showFields ? e.errors.filter((f) => !message.includes(f.message)) : []
  return { message, hint, fields }
}
