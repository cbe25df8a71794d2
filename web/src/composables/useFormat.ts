// Dates and numbers in the reader's language (the API sends ISO 8601 UTC).
import { useI18n } from 'vue-i18n'

export function useFormat() {
  const { locale } = useI18n()

  function dateTime(iso: string | null | undefined): string {
    if (!iso) return ''
    const d = new Date(iso)
    if (Number.isNaN(d.getTime())) return iso
    return d.toLocaleString(locale.value, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
  }

  function date(iso: string | null | undefined): string {
    if (!iso) return ''
    const d = new Date(iso)
    if (Number.isNaN(d.getTime())) return iso
    return d.toLocaleDateString(locale.value, { year: 'numeric', month: '2-digit', day: '2-digit' })
  }

  function percent(value: number | null | undefined): string {
    if (value === null || value === undefined) return '—'
    return `${Math.round(value * 1000) / 10}%`
  }

  function decimal(value: number | null | undefined, digits = 2): string {
    if (value === null || value === undefined) return '—'
    return value.toFixed(digits)
  }

  return { dateTime, date, percent, decimal }
}
