// How the expert pool's audit entries read (see audit/terms.ts).
import { listExperts } from '@/api/experts'
import { EXPERT_FIELDS } from '@/pages/experts/expertFields'
import { EXPERT_STATUSES } from '@/pages/experts/expertTerms'
import { defineAuditTerms } from './terms'

export default defineAuditTerms({
  actions: {
    'expert.create': 'expertAudit.create',
    'expert.update': 'expertAudit.update',
    'expert.update_own': 'expertAudit.updateOwn',
    'expert.approve': 'expert.actions.approve',
    'expert.reject': 'expert.actions.reject',
    'expert.suspend': 'expert.actions.suspend',
    'expert.reinstate': 'expert.actions.reinstate',
    'expert.retire': 'expert.actions.retire',
    'expert.invite': 'expertAudit.invite',
    'expert.link_user': 'expertAudit.linkUser',
    'expert.remind': 'expertAudit.remind',
    'expert.confirm': 'expertAudit.confirm',
    'expert.conflict_add': 'expertAudit.conflictAdd',
    'expert.conflict_delete': 'expertAudit.conflictDelete',
    'expert.apply': 'expertAudit.apply',
    'expert.import': 'expertAudit.import',
    'expert.import_batch': 'expertAudit.importBatch',
  },
  entities: {
    expert: {
      label: 'expertAudit.entity',
      link: (id) => `/experts/${id}`,
      fields: EXPERT_FIELDS,
      values: {
        status: EXPERT_STATUSES,
        category: { domestic: { label: 'expert.categories.domestic', tone: 'info' }, overseas: { label: 'expert.categories.overseas', tone: 'info' } },
        gender: { male: { label: 'expert.genders.male', tone: 'info' }, female: { label: 'expert.genders.female', tone: 'info' } },
        academician: { CAS: { label: 'expert.academicians.CAS', tone: 'info' }, CAE: { label: 'expert.academicians.CAE', tone: 'info' } },
      },
      search: async (q) => (await listExperts({ q, page_size: 10 })).items.map((e) => ({ id: e.id, label: `${e.name}（${e.organization}）` })),
    },
  },
})
