// The expert profile as a form holds it, to and from the API's shapes.
import type { Employment, Expert, ExpertApplication, ExpertFields, ExpertInput } from '@/api/experts'

/** The profile as the form edits it: every field present, keywords as a list. */
export type ExpertDraft = Required<Omit<ExpertFields, 'keywords' | 'employment'>> & {
  keywords: string[]
  employment: Employment[]
}

export function emptyExpertInput(): ExpertDraft {
  return {
    name: '',
    gender: null,
    birth_year: null,
    title: null,
    position: null,
    organization: '',
    department: null,
    employment: [],
    field_ids: [],
    keywords: [],
    category: 'domestic',
    country: null,
    academician: null,
    pool_ids: [],
    phone: null,
    email: null,
    bio: '',
  }
}

export function expertToInput(e: Expert): ExpertDraft {
  return {
    name: e.name,
    gender: e.gender,
    birth_year: e.birth_year,
    title: e.title,
    position: e.position,
    organization: e.organization,
    department: e.department,
    employment: e.employment.map((j) => ({ ...j })),
    field_ids: e.fields.map((f) => f.id),
    keywords: [...e.keywords],
    category: e.category,
    country: e.country,
    academician: e.academician,
    pool_ids: e.pools.map((p) => p.id),
    phone: e.phone ?? null,
    email: e.email ?? null,
    bio: e.bio ?? '',
  }
}

function text(v: string | null | undefined): string | null {
  const s = (v ?? '').trim()
  return s ? s : null
}

/**
 * What is sent: trimmed texts (empty → null), employment rows without blank ones;
 * contact data only when the form showed it, pools only when it offered them.
 */
export function cleanExpertInput(
  input: ExpertDraft,
  opts: { withContact: boolean; withPools: boolean },
): ExpertInput {
  const out: ExpertInput = {
    name: input.name.trim(),
    gender: input.gender,
    birth_year: input.birth_year,
    title: text(input.title),
    position: text(input.position),
    organization: input.organization.trim(),
    department: text(input.department),
    employment: input.employment
      .filter((j) => j.organization.trim() || j.from.trim())
      .map((j) => ({ organization: j.organization.trim(), from: j.from.trim(), to: text(j.to) })),
    field_ids: [...input.field_ids],
    keywords: input.keywords.map((k) => k.trim()).filter(Boolean),
    category: input.category,
    country: text(input.country),
    academician: input.academician,
    bio: input.bio.trim(),
  }
  if (opts.withContact) {
    out.phone = text(input.phone)
    out.email = text(input.email)
  }
  if (opts.withPools) out.pool_ids = [...(input.pool_ids ?? [])]
  return out
}

/** The public application from the form: what an application takes, leaving out what is empty. */
export function applicationFromDraft(draft: ExpertDraft): ExpertApplication {
  const p = cleanExpertInput(draft, { withContact: true, withPools: false })
  const out: ExpertApplication = { name: p.name, organization: p.organization, email: p.email ?? '' }
  if (p.gender) out.gender = p.gender
  if (p.birth_year) out.birth_year = p.birth_year
  if (p.title) out.title = p.title
  if (p.position) out.position = p.position
  if (p.department) out.department = p.department
  if (p.phone) out.phone = p.phone
  if (p.field_ids?.length) out.field_ids = p.field_ids
  if (Array.isArray(p.keywords) && p.keywords.length) out.keywords = p.keywords
  if (p.category) out.category = p.category
  if (p.country) out.country = p.country
  if (p.bio) out.bio = p.bio
  return out
}
