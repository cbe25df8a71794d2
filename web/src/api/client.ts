// The one HTTP client of the web UI: base path, CSRF header, JSON in and out, and
// problem+json errors turned into ApiError. It shows nothing; callers decide what an error
// means for them, except that a 401 is also reported to the handler main.ts installs (a
// session ended elsewhere or timed out sends the user to the sign-in page).

export const API_BASE = '/api/v1'

export interface FieldError {
  field: string
  message: string
}

/** An answer other than 2xx, read from the server's problem+json body when it sent one. */
export class ApiError extends Error {
  readonly status: number
  readonly title: string
  readonly detail: string
  readonly errors: FieldError[]
  /** The whole parsed body (e.g. `allowed` on a 409 transition, the import report on a failed commit). */
  readonly body: Record<string, unknown> | null
  /** Seconds from the Retry-After header (429, 503), or null. */
  readonly retryAfter: number | null

  constructor(init: {
    status: number
    title?: string
    detail?: string
    errors?: FieldError[]
    body?: Record<string, unknown> | null
    retryAfter?: number | null
  }) {
    super(init.detail || init.title || `HTTP ${init.status}`)
    this.name = 'ApiError'
    this.status = init.status
    this.title = init.title ?? ''
    this.detail = init.detail ?? ''
    this.errors = init.errors ?? []
    this.body = init.body ?? null
    this.retryAfter = init.retryAfter ?? null
  }

  /** The message for one field, if the server named it (also matches `field.sub` and `field[0]`). */
  fieldMessage(field: string): string | undefined {
    const hit = this.errors.find(
      (e) => e.field === field || e.field.startsWith(field + '.') || e.field.startsWith(field + '['),
    )
    return hit?.message
  }
}

/** Status 0: the request never got an answer (network down, server gone). */
export function isNetworkError(e: unknown): boolean {
  return e instanceof ApiError && e.status === 0
}

let csrfToken: string | null = null

let unauthorizedHandler: ((path: string) => void) | null = null

/** Called with the path of every request answered 401 (before the ApiError is thrown). */
export function setUnauthorizedHandler(handler: ((path: string) => void) | null): void {
  unauthorizedHandler = handler
}

/** Set by the auth store after sign-in and /auth/me; cleared on sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

export function getCsrfToken(): string | null {
  return csrfToken
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

/** `/api/v1` + path + the query, leaving out empty values. */
export function buildUrl(path: string, query?: Query): string {
  let url = API_BASE + path
  if (query) {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined || value === null || value === '') continue
      params.append(key, String(value))
    }
    const qs = params.toString()
    if (qs) url += '?' + qs
  }
  return url
}

export interface RequestOptions {
  query?: Query
  /** Sent as JSON. */
  json?: unknown
  /** Sent as it is (files); give `contentType` with it. */
  raw?: Blob | ArrayBuffer | string
  contentType?: string
  /** 'json' (default) parses the answer; 'text' returns it as a string. */
  responseType?: 'json' | 'text'
  signal?: AbortSignal
  /** Filled with what the answer says about itself (the server's request id, for a printed copy's reader line). */
  meta?: ResponseMeta
}

export interface ResponseMeta {
  /** X-Request-Id of the answer: the id the server logged the request under. */
  requestId?: string
}

let lastReadId = ''

/** The request id of the latest successful GET: what a page printed with Ctrl+P was read by. */
export function lastReadRequestId(): string {
  return lastReadId
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function isProblemLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function readFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return []
  const out: FieldError[] = []
  for (const item of value) {
    if (!isProblemLike(item)) continue
    const field = typeof item.field === 'string' ? item.field : ''
    const message =
      typeof item.message === 'string'
        ? item.message
        : typeof item.reason === 'string'
          ? item.reason
          : ''
    out.push({ field, message })
  }
  return out
}

function parseRetryAfter(header: string | null): number | null {
  if (!header) return null
  const n = Number(header)
  if (Number.isFinite(n) && n >= 0) return Math.ceil(n)
  const date = Date.parse(header)
  if (Number.isNaN(date)) return null
  return Math.max(0, Math.ceil((date - Date.now()) / 1000))
}

async function errorFrom(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'))
  const text = await response.text().catch(() => '')
  let parsed: unknown = null
  if (text) {
    try {
      parsed = JSON.parse(text)
    } catch {
      parsed = null
    }
  }
  if (isProblemLike(parsed)) {
    return new ApiError({
      status: typeof parsed.status === 'number' ? parsed.status : response.status,
      title: typeof parsed.title === 'string' ? parsed.title : response.statusText,
      detail: typeof parsed.detail === 'string' ? parsed.detail : '',
      errors: readFieldErrors(parsed.errors),
      body: parsed,
      retryAfter,
    })
  }
  // Not JSON: a proxy's HTML page, a plain-text 500. Keep a short, tag-free excerpt.
  const excerpt = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
  return new ApiError({
    status: response.status,
    title: response.statusText || `HTTP ${response.status}`,
    detail: excerpt,
    retryAfter,
  })
}

/** Sends one request to the API and returns the parsed answer; throws ApiError otherwise. */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const upper = method.toUpperCase()
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' }
  let body: BodyInit | undefined
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.json)
  } else if (options.raw !== undefined) {
    if (options.contentType) headers['Content-Type'] = options.contentType
    body = options.raw as BodyInit
  }
  if (!SAFE_METHODS.has(upper) && csrfToken) headers['X-CSRF-Token'] = csrfToken

  let response: Response
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: upper,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e
    throw new ApiError({ status: 0, title: 'Network error', detail: e instanceof Error ? e.message : String(e) })
  }

  if (response.status === 401) unauthorizedHandler?.(path)
  if (!response.ok) throw await errorFrom(response)
  const requestId = response.headers.get('X-Request-Id') ?? ''
  if (options.meta) options.meta.requestId = requestId
  if (upper === 'GET' && requestId) lastReadId = requestId
  if (response.status === 204) return undefined as T
  const text = await response.text()
  if (options.responseType === 'text') return text as T
  if (!text) return undefined as T
  try {
    return JSON.parse(text) as T
  } catch {
    throw new ApiError({
      status: response.status,
      title: 'Invalid response',
      detail: 'the server answered with something that is not JSON',
    })
  }
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal, meta?: ResponseMeta) => request<T>('GET', path, { query, signal, meta }),
  post: <T>(path: string, json?: unknown, query?: Query) => request<T>('POST', path, { json, query }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  put: <T>(path: string, json: unknown) => request<T>('PUT', path, { json }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
}
