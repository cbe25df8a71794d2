// How the audit entries of proposals read (see audit/terms.ts).
import { defineAuditTerms } from './terms'

export default defineAuditTerms({
  actions: {
    'proposal.create': 'proposals.audit.create',
    'proposal.update': 'proposals.audit.update',
    'proposal.submit': 'proposals.audit.submit',
    'proposal.withdraw': 'proposals.audit.withdraw',
    'proposal.reopen': 'proposals.audit.reopen',
    'proposal.start_screening': 'proposals.audit.start_screening',
    'proposal.accept': 'proposals.audit.accept',
    // The action the API calls "return" (enumerator send_back).
    'proposal.return': 'proposals.audit.return',
    'proposal.send_back': 'proposals.audit.return',
    'proposal.start_review': 'proposals.audit.start_review',
    'proposal.finish_review': 'proposals.audit.finish_review',
    'proposal.decide': 'proposals.audit.decide',
  },
  entities: {
    proposal: { label: 'proposals.audit.entity', link: (id) => `/proposals/${id}` },
  },
})
