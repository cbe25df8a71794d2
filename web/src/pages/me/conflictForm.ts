// The conflict form's pure parts: how an expert found by the lookup is shown, and what the form
// sends. A person is either picked from the pool (a number: their id) or typed (a string).
import type { ConflictKind, ExpertLookupItem, NewConflict } from '@/api/experts'

export interface ConflictForm {
  kind: ConflictKind
  person: number | string | null
  name: string
  until: string | null
  note: string
}

export function emptyConflictForm(kind: ConflictKind = 'person'): ConflictForm {
  return { kind, person: null, name: '', until: null, note: '' }
}

/** Where the expert works: organisation, and department when there is one. */
export function personPlace(e: ExpertLookupItem): string {
  return e.department ? `${e.organization} · ${e.department}` : e.organization
}

/** The text the select shows for a picked expert, so two namesakes can be told apart. */
export function personLabel(e: ExpertLookupItem): string {
  return `${e.name}（${personPlace(e)}）`
}

/**
 * The body to send, or null while the form names no one. `picked` is the expert the lookup
 * offered for the chosen id; without it a chosen id cannot be named and nothing is sent.
 */
export function conflictInput(form: ConflictForm, picked: ExpertLookupItem | null): NewConflict | null {
  let input: NewConflict
  if (form.kind === 'organization') {
    const name = form.name.trim()
    if (!name) return null
    input = { kind: 'organization', name }
  } else if (typeof form.person === 'number') {
    if (!picked || picked.id !== form.person) return null
    input = { kind: 'person', other_expert_id: picked.id, name: picked.name }
  } else {
    const name = (form.person ?? '').trim()
    if (!name) return null
    input = { kind: 'person', name }
  }
  if (form.until) input.until = form.until
  const note = form.note.trim()
  if (note) input.note = note
  return input
}
