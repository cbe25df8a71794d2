// Words of proposals (policy suggestions, research reports, topic deliverables).
import type zh from '../zh-CN/proposals'

const en: typeof zh = {
  proposals: {
    audit: {
      entity: 'Proposal',
      create: 'Draft started',
      update: 'Proposal edited',
      submit: 'Proposal submitted',
      withdraw: 'Proposal withdrawn',
      reopen: 'Proposal reopened',
      start_screening: 'Screening started',
      accept: 'Proposal accepted',
      return: 'Returned for revision',
      start_review: 'Proposal entered review',
      finish_review: 'Proposal reviewed',
      decide: 'Decision recorded',
    },
  },
}

export default en
