// The shared page patterns' pure parts: list state in the address, 返回列表, field labels, the
// areas' audit words (every action the server records has words), home cards, the printed page's
// reader line and page counters, the leave guard's snapshot, the bulk runner.
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/client'
import { defaultFilters, listLocation, param, readListAddress, rememberListLocation, writeListAddress, type ListAddress, type ListStateConfig } from '@/composables/useListState'
import { fieldLabel, labelledErrors, splitPath, topField } from '@/components/fieldLabels'
import { AUDIT_TERMS } from '@/audit'
import { actionLabel, mergeAuditTerms, valueText } from '@/audit/terms'
import { cardsFor, type HomeCard } from '@/home/cards'
import { HOME_CARDS } from '@/home'
import { counterContent, cssString, pageRules, readerLine } from '@/print/printPage'
import { snapshot } from '@/composables/useLeaveGuard'
import { useBulkRun, useSelection } from '@/composables/useBulk'
import { EXPERT_FIELDS } from '@/pages/experts/expertFields'
import { i18n } from '@/locales'

const t = (key: string, values?: Record<string, unknown>) => i18n.global.t(key, values ?? {})

describe('list state in the address', () => {
  type F = { q: string; status: 'active' | 'pending' | 'all'; ids: number[]; mine: boolean; pool: number | null }
  const config: ListStateConfig<F> = {
    filters: { q: param.text(), status: param.oneOf(['active', 'pending', 'all'] as const, 'active'), ids: param.ids(), mine: param.flag(), pool: param.id() },
    sort: { default: 'name', allowed: ['name', '-name', 'updated_at'] },
  }

  it('leaves every default out of the address and reads it back', () => {
    const state = { filters: defaultFilters(config), sort: 'name', page: 1, pageSize: 20 }
    expect(writeListAddress(state, config)).toEqual({})
    const changed: ListAddress<F> = { filters: { q: '城市', status: 'all', ids: [3, 5], mine: true, pool: 4 }, sort: '-name', page: 3, pageSize: 50 }
    const query = writeListAddress(changed, config)
    expect(query).toEqual({ q: '城市', status: 'all', ids: '3,5', mine: 'true', pool: '4', sort: '-name', page: '3', page_size: '50' })
    expect(readListAddress(query as Record<string, string>, config)).toEqual(changed)
  })

  it('reads what it cannot use as the default', () => {
    const a = readListAddress({ status: 'gone', ids: 'x,2,-1', pool: '0', sort: 'salary', page: 'two', page_size: '33' }, config)
    expect(a).toEqual({ filters: { q: '', status: 'active', ids: [2], mine: false, pool: null }, sort: 'name', page: 1, pageSize: 20 })
  })

  it('refuses a filter named like the list’s own parameters', () => {
    expect(() => readListAddress({}, { filters: { page: param.text() } })).toThrow(/clashes/)
  })

  it('remembers the last address of a list for 返回列表', () => {
    expect(listLocation('nowhere', '/nowhere')).toBe('/nowhere')
    rememberListLocation('experts', '/experts?status=pending&page=2')
    expect(listLocation('experts', '/experts')).toBe('/experts?status=pending&page=2')
  })
})

describe('field labels', () => {
  it('names nested fields in Chinese', () => {
    expect(splitPath('employment[1].from')).toEqual(['employment', 1, 'from'])
    expect(splitPath('employment.1.from')).toEqual(['employment', 1, 'from'])
    expect(topField('employment[1].from')).toBe('employment')
    expect(fieldLabel(EXPERT_FIELDS, 'name', t)).toBe('姓名')
    expect(fieldLabel(EXPERT_FIELDS, 'employment[1].from', t)).toBe('工作经历第 2 条的起始')
    expect(fieldLabel(EXPERT_FIELDS, 'nonsense', t)).toBe('nonsense')
  })

  it('labels every error of a failed request, and nothing for other failures', () => {
    const e = new ApiError({
      status: 422,
      errors: [
        { field: 'name', message: '不能为空' },
        { field: 'employment[0].organization', message: '不能为空' },
        { field: '', message: '至少填写一项' },
      ],
    })
    expect(labelledErrors(e, EXPERT_FIELDS, t)).toEqual([
      { field: 'name', label: '姓名', message: '不能为空' },
      { field: 'employment[0].organization', label: '工作经历第 1 条的单位', message: '不能为空' },
      { field: '', label: '', message: '至少填写一项' },
    ])
    expect(labelledErrors(new Error('x'), EXPERT_FIELDS, t)).toEqual([])
  })

  it('has a label for every field of the expert form', () => {
    const form = readFileSync(new URL('../src/pages/experts/ExpertForm.vue', import.meta.url), 'utf8')
    const fields = [...form.matchAll(/data-field="([a-z_]+)"/g)].map((m) => m[1]!)
    expect(fields.length).toBeGreaterThan(10)
    expect(fields.filter((f) => !(f in EXPERT_FIELDS))).toEqual([])
    expect(Object.values(EXPERT_FIELDS).map((l) => t(typeof l === 'string' ? l : l.label)).filter((s) => s.includes('.'))).toEqual([])
  })
})

// Every audit action string the server records (literals in record(...) calls or assigned just
// before one; "expert." + action for the workflow's actions).
function serverAuditActions(): string[] {
  const root = new URL('../../src/', import.meta.url).pathname
  const files: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name)
      if (statSync(p).isDirectory()) walk(p)
      else if (p.endsWith('.cpp')) files.push(p)
    }
  }
  walk(root)
  const enums = new Map<string, string[]>()
  for (const f of files.map((c) => c.replace(/\.cpp$/, '.hpp'))) {
    let text = ''
    try {
      text = readFileSync(f, 'utf8')
    } catch {
      continue
    }
    for (const m of text.matchAll(/enum class (\w+)Action \{([^}]*)\}/g)) {
      enums.set(m[1]!.replace(/[A-Z]/g, (c, i) => (i ? '_' : '') + c.toLowerCase()), m[2]!.split(',').map((v) => v.trim()).filter(Boolean))
    }
  }
  const out = new Set<string>()
  for (const f of files) {
    const lines = readFileSync(f, 'utf8').split('\n')
    lines.forEach((line, i) => {
      if (!/\baudit_?\.record\(|\baudit_log\.record\(/.test(line)) return
      const call = lines.slice(i, i + 3).join(' ')
      const literal = /record\([^"]*?"([a-z_]+\.[a-z_]+)"/.exec(call)
      if (literal) out.add(literal[1]!)
      else if (/"([a-z_]+)\." \+/.test(call)) {
        // "call." + to_string(action): every value of the module's enum class CallAction.
        const prefix = /"([a-z_]+)\." \+/.exec(call)![1]!
        const values = enums.get(prefix)
        if (!values) throw new Error(`no enum class for the actions of ${prefix} (${f})`)
        for (const a of values) out.add(`${prefix}.${a}`)
      }
      else {
        const before = [...lines.slice(Math.max(0, i - 15), i).join(' ').matchAll(/"([a-z_]+\.[a-z_]+)"/g)].map((m) => m[1]!)
        before.forEach((a) => out.add(a))
        if (before.length > 0) return
        // The action is a parameter: the literals the enclosing function is called with.
        const head = lines.slice(0, i).reverse().find((l) => /^[A-Za-z].*\b(\w+)\(/.test(l))
        const fn = head ? /(\w+)\(/.exec(head)?.[1] : undefined
        if (fn) for (const m of lines.join('\n').matchAll(new RegExp(`\\b${fn}\\([^;]*?"([a-z_]+\\.[a-z_]+)"\\)`, 'g'))) out.add(m[1]!)
      }
    })
  }
  return [...out].sort()
}

describe('audit words', () => {
  it('has Chinese words for every action the server records', () => {
    const actions = serverAuditActions()
    expect(actions).toContain('expert.update')
    expect(actions).toContain('user.disable')
    expect(actions.filter((a) => !(a in AUDIT_TERMS.actions))).toEqual([])
    expect(actions.map((a) => actionLabel(AUDIT_TERMS, a, t)).filter((s) => /^[a-z_.]+$/.test(s))).toEqual([])
  })

  it('reads values in words', () => {
    expect(valueText(AUDIT_TERMS, 'expert', 'status', 'active', t)).toBe('在库')
    expect(valueText(AUDIT_TERMS, 'expert', 'keywords', ['城市', '交通'], t)).toBe('城市、交通')
    expect(valueText(AUDIT_TERMS, 'expert', 'fields', [{ id: 3, name: '城市规划' }], t)).toBe('城市规划')
    expect(valueText(AUDIT_TERMS, 'expert', 'bio', null, t)).toBe('—')
    expect(valueText(AUDIT_TERMS, 'user', 'totp_enabled', true, t)).toBe('是')
  })

  it('refuses an action two areas define', () => {
    expect(() => mergeAuditTerms({ './a.ts': { actions: { 'x.y': 'a' } }, './b.ts': { actions: { 'x.y': 'b' } } })).toThrow(/twice/)
    expect(() => mergeAuditTerms({ './a.ts': { entities: { x: { label: 'a' } } }, './b.ts': { entities: { x: { label: 'b' } } } })).toThrow(/twice/)
  })
})

describe('home cards', () => {
  const card = (id: string, roles: HomeCard['roles'], order: number): HomeCard => ({ id, roles, order, component: async () => ({ default: {} }) })
  it('shows the cards of the user’s roles in order', () => {
    const all = [card('b', ['leader'], 100), card('a', ['coordinator'], 10), card('c', ['coordinator', 'leader'], 10)]
    expect(cardsFor(all, ['coordinator']).map((c) => c.id)).toEqual(['a', 'c'])
    expect(cardsFor(all, ['leader', 'coordinator']).map((c) => c.id)).toEqual(['a', 'c', 'b'])
    expect(cardsFor(all, ['expert'])).toEqual([])
    expect(() => cardsFor([card('a', ['admin'], 1), card('a', ['admin'], 2)], ['admin'])).toThrow(/twice/)
  })
  it('has the expert pool’s cards', () => {
    expect(cardsFor(HOME_CARDS, ['coordinator']).map((c) => c.id)).toEqual(['expert-queue', 'expert-pool'])
    expect(cardsFor(HOME_CARDS, ['expert']).map((c) => c.id)).toEqual(['my-profile'])
  })
})

describe('the printed page', () => {
  it('names the reader, the time and the request', () => {
    const line = readerLine({ name: '王协调（coord）', at: new Date(0), requestId: 'r-17' }, t, () => '2026-12-02 10:00')
    expect(line).toBe('打印人：王协调（coord） · 打印时间：2026-12-02 10:00 · 请求编号：r-17')
    expect(readerLine({ name: 'a', at: new Date(0), requestId: '' }, t, () => 'x')).not.toContain('请求编号')
  })
  it('escapes any text for CSS and counts pages', () => {
    expect(cssString('a"b\\c</style>')).toBe('"a\\22 b\\5c c\\3c /style\\3e "')
    expect(counterContent('第 {page} 页，共 {pages} 页')).toBe('"第 " counter(page) " 页，共 " counter(pages) " 页"')
    // The message keeps its placeholders through vue-i18n, as updatePrintPage asks for it.
    expect(counterContent(t('print.pageOf', { page: '{page}', pages: '{pages}' }))).toContain('counter(pages)')
    const rules = pageRules('打印人：x', '第 {page} 页')
    expect(rules).toContain('size: A4')
    expect(rules).toContain('@top-right { content: "打印人：x"')
  })
})

describe('leave guard snapshot', () => {
  it('ignores key order and undefined', () => {
    expect(snapshot({ a: 1, b: [1, { c: 2, d: undefined }] })).toBe(snapshot({ b: [1, { c: 2 }], a: 1 }))
    expect(snapshot({ a: 1 })).not.toBe(snapshot({ a: 2 }))
  })
})

describe('bulk actions', () => {
  it('runs every row in order, reports each failure with its name, and does not stop', async () => {
    const selection = useSelection<{ id: number; name: string }>()
    selection.onChange([
      { id: 1, name: '甲' },
      { id: 2, name: '乙' },
      { id: 3, name: '丙' },
    ])
    expect(selection.count.value).toBe(3)
    const bulk = useBulkRun<{ id: number; name: string }>((r) => r.name)
    const seen: number[] = []
    const report = await bulk.run(selection.rows.value, async (r) => {
      seen.push(r.id)
      if (r.id === 2) throw new ApiError({ status: 409, detail: '状态不允许' })
    }, '暂停')
    expect(seen).toEqual([1, 2, 3])
    expect(report.done.map((r) => r.id)).toEqual([1, 3])
    expect(report.failed.map((f) => [f.label, (f.error as ApiError).detail])).toEqual([['乙', '状态不允许']])
    expect(bulk.running.value).toBe(false)
    expect(bulk.progress.value).toEqual({ done: 3, total: 3 })
    selection.clear()
    expect(selection.count.value).toBe(0)
  })
})
