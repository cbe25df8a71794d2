// Words of research topics, topic guides, member departments and topic suggestions.
import type zh from '../zh-CN/topics'

const en: typeof zh = {
  topicAudit: {
    entity: 'Topic',
    guideEntity: 'Topic guide',
    departmentEntity: 'Member department',
    suggestionEntity: 'Topic suggestion',
    create: 'Topic drafted',
    update: 'Topic changed',
    guideCreate: 'Topic guide created',
    guideUpdate: 'Topic guide changed',
    departmentCreate: 'Member department added',
    departmentUpdate: 'Member department changed',
    suggestionCreate: 'Topic suggested',
    suggestionAdopt: 'Suggestion adopted',
    suggestionMerge: 'Suggestion merged',
    suggestionDecline: 'Suggestion declined',
    actions: {
      publish: 'Topic published',
      commission: 'Topic commissioned',
      withdraw_commission: 'Commission withdrawn',
      accept_commission: 'Commission accepted',
      decline_commission: 'Commission declined',
      assign: 'Topic assigned',
      start: 'Work started',
      begin_midterm: 'Midterm check launched',
      pass_midterm: 'Midterm check passed',
      rectify_midterm: 'Midterm: rectification required',
      deliver: 'Topic delivered',
      pass_acceptance: 'Acceptance passed',
      request_rework: 'Acceptance: rework required',
      fail_acceptance: 'Acceptance failed',
      cancel: 'Topic cancelled',
    },
  },
}

export default en
