// How the audit log reads to a person, declared by each area for what it records, one file per
// area in this folder: `audit/<area>.ts` = `export default defineAuditTerms({ actions, entities })`.
//   actions:  'expert.approved' → an i18n key ('审核通过')
//   entities: 'expert' → { label (专家), link(id) → '/experts/7', fields (the area's FieldLabels,
//             shared with its forms), values (how a field's values read: status active → 在库),
//             search(q) (the audit page's record picker) }
// The audit page, the 修改记录 tab of a record and anything else that shows audit entries use
// auditTerms() and never name an area.
import type { FieldLabels } from '@/components/fieldLabels'
import type { Terms } from '@/components/terms'

export interface AuditPick {
  id: number
  label: string
}

export interface AuditEntity {
  /** i18n key of the record type (专家). */
  label: string
  /** The record's page, when it has one the reader may open. */
  link?: (id: number) => string
  /** Labels of the fields its changes name. */
  fields?: FieldLabels
  /** How the values of some fields read (a status's words). */
  values?: Record<string, Partial<Terms>>
  /** Records by name, for picking one to filter by. */
  search?: (q: string) => Promise<AuditPick[]>
  /** Entries of this type are for admins alone (the server's kCuratedRecordTypes leaves it out). */
  adminOnly?: boolean
}

export interface AuditTerms {
  /** Action → i18n key. */
  actions?: Record<string, string>
  entities?: Record<string, AuditEntity>
}

/** Marks a file's default export as an area's audit words (and checks its shape). */
export function defineAuditTerms(terms: AuditTerms): AuditTerms {
  return terms
}

/** One table from the areas' files; throws when two define the same action or record type. */
export function mergeAuditTerms(parts: Record<string, AuditTerms>): Required<AuditTerms> {
  const out: Required<AuditTerms> = { actions: {}, entities: {} }
  for (const file of Object.keys(parts).sort()) {
    const part = parts[file]!
    for (const [k, v] of Object.entries(part.actions ?? {})) {
      if (k in out.actions) throw new Error(`audit action ${k} is defined twice (again in ${file})`)
      out.actions[k] = v
    }
    for (const [k, v] of Object.entries(part.entities ?? {})) {
      if (k in out.entities) throw new Error(`audit record type ${k} is defined twice (again in ${file})`)
      out.entities[k] = v
    }
  }
  return out
}

type Translate = (key: string, values?: Record<string, unknown>) => string

/** 审核通过, or the action as recorded when no area has words for it. */
export function actionLabel(terms: AuditTerms, action: string, t: Translate): string {
  const key = terms.actions?.[action]
  return key ? t(key) : action
}

/** 专家, or the type as recorded. */
export function entityLabel(terms: AuditTerms, type: string, t: Translate): string {
  const key = terms.entities?.[type]?.label
  return key ? t(key) : type
}

/** A recorded value as it reads: a status's words, yes/no, a list joined, — for nothing. */
export function valueText(terms: AuditTerms, type: string, field: string, value: unknown, t: Translate): string {
  if (value === null || value === undefined || value === '') return '—'
  const table = terms.entities?.[type]?.values?.[field]
  if (table && (typeof value === 'string' || typeof value === 'number')) {
    const term = table[String(value)]
    if (term) return t(term.label)
  }
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no')
  if (Array.isArray(value)) {
    if (value.length === 0) return '—'
    return value.map((v) => (v && typeof v === 'object' ? objectText(v as Record<string, unknown>) : String(v))).join(t('common.listSeparator'))
  }
  if (typeof value === 'object') return objectText(value as Record<string, unknown>)
  return String(value)
}

// A record inside a change (an employment row, a field reference): its name when it has one.
function objectText(o: Record<string, unknown>): string {
  for (const k of ['name', 'label', 'title', 'organization']) if (typeof o[k] === 'string') return o[k] as string
  return Object.values(o)
    .filter((v) => v !== null && v !== undefined && v !== '')
    .map(String)
    .join(' ')
}
