// How the audit entries of review rounds read (see audit/terms.ts).
import { defineAuditTerms } from './terms'

export default defineAuditTerms({
  actions: {
    'round.create': 'reviewAudit.create',
    'round.update': 'reviewAudit.update',
    'round.add_proposal': 'reviewAudit.add_proposal',
    'round.remove_proposal': 'reviewAudit.remove_proposal',
    'round.start_assigning': 'reviewAudit.start_assigning',
    'round.back_to_draft': 'reviewAudit.back_to_draft',
    'round.start_reviewing': 'reviewAudit.start_reviewing',
    'round.close': 'reviewAudit.close',
    'round.reopen': 'reviewAudit.reopen',
    'round.finalize': 'reviewAudit.finalize',
    'round.override_conflict': 'reviewAudit.override_conflict',
    'round.withdraw_override': 'reviewAudit.withdraw_override',
    'round.add_reviewers': 'reviewAudit.add_reviewers',
    'round.remove_reviewer': 'reviewAudit.remove_reviewer',
    'round.apply_plan': 'reviewAudit.apply_plan',
    'round.assign': 'reviewAudit.assign',
    'round.unassign': 'reviewAudit.unassign',
    'round.release': 'reviewAudit.release',
    'assignment.accept': 'reviewAudit.accept',
    'assignment.decline': 'reviewAudit.decline',
    'round.extend_deadline': 'reviewAudit.extend_deadline',
    'review.save': 'reviewAudit.review_save',
    'review.submit': 'reviewAudit.review_submit',
  },
  entities: {
    round: { label: 'reviewAudit.entity' },
    assignment: { label: 'reviewAudit.assignment_entity' },
  },
})
