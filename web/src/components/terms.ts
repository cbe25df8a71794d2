// How a workflow's statuses and actions read in the UI: an i18n key and a colour each. Shared
// components (StatusBadge, ProblemAlert, ReasonDialog) take an area's table as a prop and know no
// area themselves; each area declares its tables once (e.g. pages/experts/expertTerms.ts), typed
// by the generated enums so that a status added to the contract fails the type check until it
// has its words.

/** Element Plus's tag and button colours. */
export type Tone = 'primary' | 'success' | 'warning' | 'danger' | 'info'

export interface Term {
  /** i18n key. */
  label: string
  tone?: Tone
}

/** Each value's term, for every value the contract names. */
export type Terms<K extends string = string> = Record<K, Term>

type Translate = (key: string) => string

/** The label of `value` in `terms`, or the value itself when the table has none for it. */
export function termLabel(terms: Partial<Terms> | undefined, value: string, t: Translate): string {
  const term = terms?.[value]
  return term ? t(term.label) : value
}

export function termTone(terms: Partial<Terms> | undefined, value: string): Tone {
  return terms?.[value]?.tone ?? 'info'
}
