// vue-i18n set-up: zh-CN first, English second; the choice is kept in localStorage and
// reflected in <html lang>.
import { createI18n } from 'vue-i18n'
import { en, zhCN } from './messages'

export type Locale = 'zh-CN' | 'en'
export const LOCALES: Locale[] = ['zh-CN', 'en']
export const LOCALE_STORAGE_KEY = 'zhiku.locale'

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null
  }
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en'
}

/** The stored choice, else zh-CN (the product's language). */
export function initialLocale(): Locale {
  const stored = storage()?.getItem(LOCALE_STORAGE_KEY)
  return isLocale(stored) ? stored : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
})

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  storage()?.setItem(LOCALE_STORAGE_KEY, locale)
  if (typeof document !== 'undefined') document.documentElement.lang = locale
}
