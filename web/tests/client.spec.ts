// api/client.ts: base path, CSRF header on unsafe methods, JSON, and ApiError from what the
// server answers (problem+json, or anything else).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, api, buildUrl, request, setCsrfToken } from '@/api/client'
import { expertExportUrl, importExperts, XLSX_TYPE } from '@/api/experts'

type Call = { url: string; init: RequestInit }

let calls: Call[] = []
let answer: () => Response | Promise<Response>

function headersOf(call: Call): Record<string, string> {
  return (call.init.headers ?? {}) as Record<string, string>
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

function problem(body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: body.status as number,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  })
}

beforeEach(() => {
  calls = []
  answer = () => json({ ok: true })
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    return answer()
  }))
  setCsrfToken(null)
})

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken(null)
})

describe('requests', () => {
  it('prefixes /api/v1 and sends the session cookie same-origin', async () => {
    await api.get('/auth/me')
    expect(calls).toHaveLength(1)
    expect(calls[0]!.url).toBe('/api/v1/auth/me')
    expect(calls[0]!.init.method).toBe('GET')
    expect(calls[0]!.init.credentials).toBe('same-origin')
  })

  it('leaves empty query values out and encodes the rest', async () => {
    await api.get('/experts', { q: '城市 治理', status: '', field_id: null, pool_id: undefined, page: 2, stale: true })
    expect(calls[0]!.url).toBe('/api/v1/experts?q=%E5%9F%8E%E5%B8%82+%E6%B2%BB%E7%90%86&page=2&stale=true')
  })

  it('sends JSON bodies with their content type', async () => {
    await api.post('/auth/login', { username: 'a', password: 'b' })
    expect(headersOf(calls[0]!)['Content-Type']).toBe('application/json')
    expect(calls[0]!.init.body).toBe('{"username":"a","password":"b"}')
  })

  it('parses the JSON answer', async () => {
    answer = () => json({ items: [1, 2], total: 2 })
    await expect(api.get('/pools')).resolves.toEqual({ items: [1, 2], total: 2 })
  })

  it('returns undefined for 204 No Content', async () => {
    answer = () => new Response(null, { status: 204 })
    await expect(api.delete('/tokens/3')).resolves.toBeUndefined()
  })

  it('uploads raw bytes with the given content type', async () => {
    const file = new Blob(['姓名,工作单位\n张三,某大学\n'], { type: 'text/csv' })
    answer = () => json({ dry_run: true, rows_total: 1, valid_rows: 1, errors: [], duplicates: [], preview: [], imported: 0 })
    await importExperts(file, 'text/csv', true)
    expect(calls[0]!.url).toBe('/api/v1/experts/import?dry_run=true')
    expect(headersOf(calls[0]!)['Content-Type']).toBe('text/csv')
    expect(calls[0]!.init.body).toBe(file)
  })

  it('builds the export address with the current filters', () => {
    expect(expertExportUrl('xlsx', { q: '', status: 'active', pool_id: 3, stale: null })).toBe(
      '/api/v1/experts/export?format=xlsx&status=active&pool_id=3',
    )
    expect(buildUrl('/experts')).toBe('/api/v1/experts')
    expect(XLSX_TYPE).toContain('spreadsheetml')
  })
})

describe('CSRF header', () => {
  it('is added to POST, PATCH, PUT and DELETE once a token is known', async () => {
    setCsrfToken('tok-123')
    await api.post('/auth/logout')
    await api.patch('/users/1', { version: 1 })
    await api.put('/x', {})
    await api.delete('/tokens/1')
    for (const call of calls) expect(headersOf(call)['X-CSRF-Token']).toBe('tok-123')
  })

  it('is not sent on GET', async () => {
    setCsrfToken('tok-123')
    await api.get('/auth/me')
    expect(headersOf(calls[0]!)['X-CSRF-Token']).toBeUndefined()
  })

  it('is not sent before sign-in, nor after the token is cleared', async () => {
    await api.post('/auth/login', {})
    setCsrfToken('tok')
    setCsrfToken(null)
    await api.post('/auth/login', {})
    for (const call of calls) expect(headersOf(call)['X-CSRF-Token']).toBeUndefined()
  })

  it('is sent with lower-case method names too', async () => {
    setCsrfToken('tok-9')
    await request('post', '/x', { json: {} })
    expect(headersOf(calls[0]!)['X-CSRF-Token']).toBe('tok-9')
  })
})

describe('errors', () => {
  it('turns problem+json into an ApiError with status, title, detail and field errors', async () => {
    answer = () =>
      problem({
        type: 'about:blank',
        status: 400,
        title: 'Bad Request',
        detail: '输入有误',
        errors: [
          { field: 'new_password', message: '密码至少需要 10 个字符' },
          { field: 'employment[0].from', message: '日期格式应为 YYYY-MM' },
        ],
      })
    const err = await api.post('/auth/password', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    const e = err as ApiError
    expect(e.status).toBe(400)
    expect(e.title).toBe('Bad Request')
    expect(e.detail).toBe('输入有误')
    expect(e.message).toBe('输入有误')
    expect(e.errors).toHaveLength(2)
    expect(e.fieldMessage('new_password')).toBe('密码至少需要 10 个字符')
    expect(e.fieldMessage('employment')).toBe('日期格式应为 YYYY-MM')
    expect(e.fieldMessage('email')).toBeUndefined()
  })

  it('keeps the rest of the problem body (e.g. allowed transitions on 409)', async () => {
    answer = () => problem({ status: 409, title: 'Conflict', detail: '当前状态不允许', allowed: ['suspend', 'retire'] })
    const e = (await api.post('/experts/1/transitions', {}).catch((x: unknown) => x)) as ApiError
    expect(e.status).toBe(409)
    expect(e.body?.allowed).toEqual(['suspend', 'retire'])
  })

  it('reads Retry-After on 429', async () => {
    answer = () => problem({ status: 429, title: 'Too Many Requests', detail: '请稍后再试' }, { 'Retry-After': '42' })
    const e = (await api.post('/auth/login', {}).catch((x: unknown) => x)) as ApiError
    expect(e.status).toBe(429)
    expect(e.retryAfter).toBe(42)
  })

  it('makes an ApiError from a body that is not JSON', async () => {
    answer = () =>
      new Response('<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>', {
        status: 502,
        statusText: 'Bad Gateway',
        headers: { 'Content-Type': 'text/html' },
      })
    const e = (await api.get('/experts').catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(502)
    expect(e.title).toBe('Bad Gateway')
    expect(e.detail).toBe('502 Bad Gateway nginx')
    expect(e.errors).toEqual([])
    expect(e.body).toBeNull()
  })

  it('makes an ApiError from an empty error body', async () => {
    answer = () => new Response('', { status: 500, statusText: 'Internal Server Error' })
    const e = (await api.get('/x').catch((x: unknown) => x)) as ApiError
    expect(e.status).toBe(500)
    expect(e.title).toBe('Internal Server Error')
    expect(e.detail).toBe('')
  })

  it('reports a failed connection as status 0', async () => {
    answer = () => {
      throw new TypeError('fetch failed')
    }
    const e = (await api.get('/x').catch((x: unknown) => x)) as ApiError
    expect(e).toBeInstanceOf(ApiError)
    expect(e.status).toBe(0)
  })

  it('refuses a 200 whose body is not JSON', async () => {
    answer = () => new Response('<html></html>', { status: 200, headers: { 'Content-Type': 'text/html' } })
    await expect(api.get('/x')).rejects.toBeInstanceOf(ApiError)
  })

  it('returns text when asked (metrics)', async () => {
    answer = () => new Response('zhiku_requests_total 5\n', { status: 200, headers: { 'Content-Type': 'text/plain' } })
    await expect(request<string>('GET', '/metrics', { responseType: 'text' })).resolves.toBe('zhiku_requests_total 5\n')
  })
})
