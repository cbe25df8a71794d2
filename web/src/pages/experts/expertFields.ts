// The labels of an expert's fields, as the server names them: beside the form's inputs, in the
// list of errors above it (FormErrors) and in the 修改记录 of an expert (audit/experts.ts).
import type { FieldLabels } from '@/components/fieldLabels'

export const EXPERT_FIELDS: FieldLabels = {
  name: 'expert.name',
  gender: 'expert.gender',
  birth_year: 'expert.birthYear',
  title: 'expert.title',
  position: 'expert.position',
  organization: 'expert.organization',
  department: 'expert.department',
  employment: {
    label: 'expert.employment',
    item: { organization: 'expert.employmentOrg', from: 'expert.employmentFromCol', to: 'expert.employmentToCol' },
  },
  field_ids: 'expert.fields',
  fields: 'expert.fields',
  keywords: 'expert.keywords',
  category: 'expert.category',
  country: 'expert.country',
  academician: 'expert.academician',
  pool_ids: 'expert.pools',
  pools: 'expert.pools',
  phone: 'expert.phone',
  email: 'expert.email',
  bio: 'expert.bio',
  status: 'common.status',
  status_reason: 'expertAudit.statusReason',
  user_id: 'expertAudit.account',
  confirmed_at: 'expert.confirmedAt',
  note: 'conflicts.note',
}
