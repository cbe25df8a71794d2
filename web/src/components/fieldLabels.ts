// The labels of a record's fields, declared once per area (pages/<area>/<thing>Fields.ts) and
// used wherever a field is named to a person: beside a form's inputs, in the list of validation
// errors above a form (FormErrors), in the audit log's changes. Paths are the server's: `name`,
// `employment[0].from` (also `employment.0.from`). Pure, so it is tested without a DOM.
import { ApiError } from '@/api/client'

/** A field's i18n key, or for a list of records the list's key and its items' fields. */
export type FieldLabel = string | { label: string; item?: FieldLabels }
export type FieldLabels = Record<string, FieldLabel>

type Translate = (key: string, values?: Record<string, unknown>) => string

function keyOf(l: FieldLabel): string {
  return typeof l === 'string' ? l : l.label
}

/** The path's parts: 'employment[0].from' → ['employment', 0, 'from']. */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = []
  for (const part of path.replace(/\[(\d+)\]/g, '.$1').split('.')) {
    if (part === '') continue
    out.push(/^\d+$/.test(part) ? Number(part) : part)
  }
  return out
}

/**
 * The field's label as a person reads it: 姓名; 工作经历第 2 条的起始时间. A field the table does
 * not know is shown as the server named it (the table needs the entry: tests/fieldLabels.spec.ts).
 */
export function fieldLabel(labels: FieldLabels | undefined, path: string, t: Translate): string {
  const parts = splitPath(path)
  let table: FieldLabels | undefined = labels
  let text = ''
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    if (typeof part === 'number') {
      text = t('fields.nth', { label: text, n: part + 1 })
      continue
    }
    const entry: FieldLabel | undefined = table?.[part]
    if (!entry) return path
    const label = t(keyOf(entry))
    text = text ? t('fields.of', { whole: text, part: label }) : label
    table = typeof entry === 'string' ? undefined : entry.item
  }
  return text || path
}

/** The first part of a path: the form item that shows it (`employment[0].from` → `employment`). */
export function topField(path: string): string {
  const first = splitPath(path)[0]
  return typeof first === 'string' ? first : path
}

export interface LabelledError {
  field: string
  label: string
  message: string
}

/** The field errors of a failed request, each with its label ([] for any other error). */
export function labelledErrors(e: unknown, labels: FieldLabels | undefined, t: Translate): LabelledError[] {
  if (!(e instanceof ApiError)) return []
  return e.errors.map((f) => ({ field: f.field, label: f.field ? fieldLabel(labels, f.field, t) : '', message: f.message }))
}
