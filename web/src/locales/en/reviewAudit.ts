// Audit words of review rounds (audit/reviews.ts).
import type zh from '../zh-CN/reviewAudit'

const en: typeof zh = {
  reviewAudit: {
    entity: 'Review round',
    create: 'Review round created',
    update: 'Review round settings changed',
    add_proposal: 'Proposal added to the round',
    remove_proposal: 'Proposal taken out of the round',
    start_assigning: 'Assignment started',
    back_to_draft: 'Back to draft',
    start_reviewing: 'Reviewing started',
    close: 'Reviewing closed',
    reopen: 'Reviewing reopened',
    finalize: 'Ranking finalized and released',
    override_conflict: 'Conflict of interest overridden',
    withdraw_override: 'Conflict override withdrawn',
    add_reviewers: 'Reviewers added to the pool',
    remove_reviewer: 'Reviewer taken out of the pool',
    apply_plan: 'Automatic assignment plan applied',
    assign: 'Reviewer assigned by hand',
    unassign: 'Assignment removed',
    release: 'Assignments released',
    accept: 'Assignment accepted',
    decline: 'Assignment declined',
    assignment_entity: 'Review assignment',
    extend_deadline: 'Review deadline extended',
    review_save: 'Review draft saved',
    review_submit: 'Review submitted',
  },
}

export default en
