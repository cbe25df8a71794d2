// components/problem.ts: what the error box says for each kind of failure.
import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/client'
import { describeProblem } from '@/components/problem'
import { i18n } from '@/locales'
import { EXPERT_ACTIONS } from '@/pages/experts/expertTerms'

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})

describe('describeProblem', () => {
  it('shows nothing without an error', () => {
    expect(describeProblem(null, t)).toBeNull()
  })

  it("shows the server's detail and the field errors it does not repeat", () => {
    const e = new ApiError({
      status: 400,
      title: 'Bad Request',
      detail: 'email: 邮箱格式不正确',
      errors: [
        { field: 'email', message: '邮箱格式不正确' },
        { field: 'name', message: '必填' },
      ],
    })
    expect(describeProblem(e, t)).toEqual({
      message: 'email: 邮箱格式不正确',
      hint: '',
      fields: [{ field: 'name', message: '必填' }],
    })
    expect(describeProblem(e, t, { showFields: false })?.fields).toEqual([])
  })

  it('does not list again the field errors the server summed up in its detail', () => {
    // The server's own wording for several invalid fields (core/error.hpp Error::invalid_fields).
    const e = new ApiError({
      status: 400,
      title: 'Bad Request',
      detail: '以下字段有误：name（请填写姓名）；birth_year（出生年份须在 1900 至 2010 之间）',
      errors: [
        { field: 'name', message: '请填写姓名' },
        { field: 'birth_year', message: '出生年份须在 1900 至 2010 之间' },
      ],
    })
    const v = describeProblem(e, t)
    expect(v?.message).toBe('以下字段有误：name（请填写姓名）；birth_year（出生年份须在 1900 至 2010 之间）')
    expect(v?.fields).toEqual([])
  })

  it('explains a stale version (412)', () => {
    const v = describeProblem(new ApiError({ status: 412, title: 'Precondition Failed', detail: '版本已过期' }), t)
    expect(v?.message).toBe('版本已过期')
    expect(v?.hint).toContain('重新加载')
  })

  it('says how long to wait on 429', () => {
    const v = describeProblem(new ApiError({ status: 429, title: 'Too Many Requests', retryAfter: 30 }), t)
    expect(v?.hint).toBe('请 30 秒后再试。')
  })

  it("lists the transitions that are allowed on 409, in the words of the caller's area", () => {
    const e = new ApiError({ status: 409, title: 'Conflict', detail: '不允许', body: { allowed: ['suspend', 'retire'] } })
    expect(describeProblem(e, t, { actions: EXPERT_ACTIONS })?.hint).toBe('当前状态下可执行的操作：暂停、出库')
    // Another area's 409: no expert wording, the labels it gives or the names as sent.
    const other = new ApiError({ status: 409, title: 'Conflict', detail: '不允许', body: { allowed: ['publish', 'cancel'] } })
    expect(describeProblem(other, t)?.hint).toBe('当前状态下可执行的操作：publish、cancel')
    expect(describeProblem(other, t, { actions: { publish: { label: 'common.confirm' } } })?.hint).toBe('当前状态下可执行的操作：确定、cancel')
  })

  it('names a network failure and a bare server error', () => {
    expect(describeProblem(new ApiError({ status: 0, title: 'Network error' }), t)?.message).toContain('无法连接服务器')
    const v = describeProblem(new ApiError({ status: 502, title: '' }), t)
    expect(v?.message).toBe('请求失败（502）')
    expect(v?.hint).toContain('服务器出现问题')
  })

  it('shows a plain Error by its message', () => {
    expect(describeProblem(new Error('boom'), t)).toEqual({ message: 'boom', hint: '', fields: [] })
  })
})
