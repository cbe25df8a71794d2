// How the audit entries of research topics, topic guides, member departments and topic
// suggestions read (see audit/terms.ts).
import { defineAuditTerms } from './terms'

export default defineAuditTerms({
  actions: {
    'topic.create': 'topicAudit.create',
    'topic.update': 'topicAudit.update',
    'topic.publish': 'topicAudit.actions.publish',
    'topic.commission': 'topicAudit.actions.commission',
    'topic.withdraw_commission': 'topicAudit.actions.withdraw_commission',
    'topic.accept_commission': 'topicAudit.actions.accept_commission',
    'topic.decline_commission': 'topicAudit.actions.decline_commission',
    'topic.assign': 'topicAudit.actions.assign',
    'topic.start': 'topicAudit.actions.start',
    'topic.begin_midterm': 'topicAudit.actions.begin_midterm',
    'topic.pass_midterm': 'topicAudit.actions.pass_midterm',
    'topic.rectify_midterm': 'topicAudit.actions.rectify_midterm',
    'topic.deliver': 'topicAudit.actions.deliver',
    'topic.pass_acceptance': 'topicAudit.actions.pass_acceptance',
    'topic.request_rework': 'topicAudit.actions.request_rework',
    'topic.fail_acceptance': 'topicAudit.actions.fail_acceptance',
    'topic.cancel': 'topicAudit.actions.cancel',
    'topic_guide.create': 'topicAudit.guideCreate',
    'topic_guide.update': 'topicAudit.guideUpdate',
    'department.create': 'topicAudit.departmentCreate',
    'department.update': 'topicAudit.departmentUpdate',
    'topic_suggestion.create': 'topicAudit.suggestionCreate',
    'topic_suggestion.adopt': 'topicAudit.suggestionAdopt',
    'topic_suggestion.merge': 'topicAudit.suggestionMerge',
    'topic_suggestion.decline': 'topicAudit.suggestionDecline',
  },
  entities: {
    topic: { label: 'topicAudit.entity', link: (id) => `/topics/${id}` },
    topic_guide: { label: 'topicAudit.guideEntity' },
    department: { label: 'topicAudit.departmentEntity' },
    topic_suggestion: { label: 'topicAudit.suggestionEntity' },
  },
})
