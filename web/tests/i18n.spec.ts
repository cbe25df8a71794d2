// The two languages have the same keys, every key the code uses exists, and the language choice
// is remembered and shown in <html lang>.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MENU_GROUPS, UNTITLED_GROUPS } from '@/router/meta'
import { EN_AREAS, ZH_CN_AREAS, en, mergeMessages, zhCN } from '@/locales/messages'

type Tree = { [key: string]: string | Tree }

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  )
}

function lookup(tree: Tree, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Tree)[part] : undefined), tree)
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sourceFiles(p)
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.d.ts') ? [p] : []
  })
}

const zhKeys = keys(zhCN as Tree)
const enKeys = keys(en as Tree)

describe('locale files', () => {
  it('each area has a file in both languages', () => {
    expect(Object.keys(EN_AREAS).sort()).toEqual(Object.keys(ZH_CN_AREAS).sort())
    expect(Object.keys(ZH_CN_AREAS)).toEqual(expect.arrayContaining(['common', 'experts']))
  })

  it('refuses a key that two area files define', () => {
    expect(() => mergeMessages({ a: { nav: { x: '甲' } }, b: { nav: { x: '乙' } } })).toThrow(/nav\.x/)
    expect(() => mergeMessages({ a: { nav: 'x' }, b: { nav: { y: 'y' } } })).toThrow(/nav/)
    expect(mergeMessages({ a: { nav: { x: '甲' } }, b: { nav: { y: '乙' } } })).toEqual({ nav: { x: '甲', y: '乙' } })
  })

  it('every zh-CN key exists in English', () => {
    expect(zhKeys.filter((k) => !enKeys.includes(k))).toEqual([])
  })

  it('every English key exists in zh-CN', () => {
    expect(enKeys.filter((k) => !zhKeys.includes(k))).toEqual([])
  })

  it('no message is empty', () => {
    const empty = [...zhKeys.filter((k) => !lookup(zhCN as Tree, k)), ...enKeys.filter((k) => !lookup(en as Tree, k))]
    expect(empty).toEqual([])
  })

  it('placeholders match between the languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    const differ = zhKeys.filter(
      (k) => JSON.stringify(names(lookup(zhCN as Tree, k) as string)) !== JSON.stringify(names(lookup(en as Tree, k) as string)),
    )
    expect(differ).toEqual([])
  })

  it('no message uses vue-i18n syntax characters by accident (@ and |)', () => {
    const bad = [...zhKeys.map((k) => [k, lookup(zhCN as Tree, k)]), ...enKeys.map((k) => [k, lookup(en as Tree, k)])].filter(
      ([, v]) => /[@|$]/.test(v as string),
    )
    expect(bad).toEqual([])
  })

  it('every key the code names with t(…) exists', () => {
    const root = join(__dirname, '..', 'src')
    const used = new Set<string>()
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.]*)'/g)) used.add(m[1]!)
      for (const m of text.matchAll(/\b(?:label|title|key): '([a-z]+\.[\w.]+)'/g)) used.add(m[1]!)
    }
    expect(used.size).toBeGreaterThan(100)
    expect([...used].filter((k) => typeof lookup(zhCN as Tree, k) !== 'string')).toEqual([])
  })

  it('keys built from values cover every value (statuses, actions, roles)', () => {
    for (const s of ['pending', 'active', 'suspended', 'retired']) expect(lookup(zhCN as Tree, `expert.statuses.${s}`)).toBeTruthy()
    for (const a of ['approve', 'reject', 'suspend', 'reinstate', 'retire']) expect(lookup(zhCN as Tree, `expert.actions.${a}`)).toBeTruthy()
    for (const r of ['admin', 'coordinator', 'expert', 'leader']) expect(lookup(zhCN as Tree, `roles.${r}`)).toBeTruthy()
    for (const s of ['active', 'disabled']) expect(lookup(zhCN as Tree, `users.statuses.${s}`)).toBeTruthy()
    for (const g of MENU_GROUPS.filter((g) => !UNTITLED_GROUPS.includes(g))) expect(lookup(zhCN as Tree, `nav.groups.${g}`)).toBeTruthy()
  })
})

describe('language choice', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.resetModules()
  })

  function fakeBrowser(stored: string | null) {
    const store = new Map<string, string>()
    if (stored) store.set('zhiku.locale', stored)
    vi.stubGlobal('localStorage', {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => store.set(k, v),
    })
    return { store }
  }

  it('starts in Chinese, switches to English, remembers it and sets <html lang>', async () => {
    const { store } = fakeBrowser(null)
    const { i18n, setLocale, currentLocale } = await import('@/locales')
    // A stand-in <html> only after Vue has loaded (its DOM runtime probes `document` on import).
    const documentElement = { lang: '' }
    vi.stubGlobal('document', { documentElement })
    expect(currentLocale()).toBe('zh-CN')
    expect(i18n.global.t('nav.experts')).toBe('专家库')
    setLocale('en')
    expect(i18n.global.t('nav.experts')).toBe('Expert pool')
    expect(store.get('zhiku.locale')).toBe('en')
    expect(documentElement.lang).toBe('en')
  })

  it('starts in the stored language', async () => {
    fakeBrowser('en')
    const { currentLocale, i18n } = await import('@/locales')
    expect(currentLocale()).toBe('en')
    expect(i18n.global.t('login.tooMany', { n: 30 })).toBe('Too many attempts: please try again in 30 seconds')
  })

  it('ignores a stored value that is not a language', async () => {
    fakeBrowser('fr')
    const { currentLocale, i18n } = await import('@/locales')
    expect(currentLocale()).toBe('zh-CN')
    expect(i18n.global.t('login.tooMany', { n: 30 })).toBe('尝试次数过多，请 30 秒后再试')
  })
})
