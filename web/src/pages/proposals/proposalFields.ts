// The labels of a proposal's fields as the server names them: beside the editor's inputs, in the
// list of errors above it (FormErrors) and in a proposal's 修改记录 (audit/proposals.ts).
import type { FieldLabels } from '@/components/fieldLabels'

export const PROPOSAL_FIELDS: FieldLabels = {
  kind: 'proposals.kind',
  title: 'proposals.title',
  summary: 'proposals.summary',
  body: 'proposals.body',
  keywords: { label: 'proposals.keywords', item: {} },
  field_ids: 'proposals.fields',
  author_ids: { label: 'proposals.authors', item: {} },
  call_id: 'proposals.call',
  topic_id: 'proposals.topic',
  sensitivity: 'proposals.sensitivity',
  status: 'common.status',
  note: 'common.reason',
}
