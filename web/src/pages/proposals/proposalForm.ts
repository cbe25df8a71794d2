// The editor's form: what the API takes (ProposalInput) with the co-authors' names beside it,
// read from and written to a Proposal.
import type { Proposal, ProposalInput } from '@/api/proposals'

export interface ProposalDraft {
  kind: NonNullable<ProposalInput['kind']>
  title: string
  summary: string
  body: string
  keywords: string[]
  author_ids: number[]
  call_id: number | null
  sensitivity: NonNullable<ProposalInput['sensitivity']>
}

export function emptyDraft(): ProposalDraft {
  return { kind: 'suggestion', title: '', summary: '', body: '', keywords: [], author_ids: [], call_id: null, sensitivity: 'internal' }
}

export function draftOf(p: Proposal): ProposalDraft {
  return {
    kind: p.kind,
    title: p.title,
    summary: p.summary,
    body: p.body,
    keywords: [...p.keywords],
    author_ids: [...p.author_ids],
    call_id: p.call_id ?? null,
    sensitivity: p.sensitivity,
  }
}

export function inputOf(d: ProposalDraft): ProposalInput {
  return {
    kind: d.kind,
    title: d.title,
    summary: d.summary,
    body: d.body,
    keywords: d.keywords.map((k) => k.trim()).filter(Boolean),
    author_ids: d.author_ids,
    call_id: d.call_id,
    sensitivity: d.sensitivity,
  }
}

/** The fields of two drafts that differ (for the 412 merge view). */
export function differingFields(a: ProposalDraft, b: ProposalDraft): (keyof ProposalDraft)[] {
  return (Object.keys(a) as (keyof ProposalDraft)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
}
