// Research topics (课题), topic guides, member departments (成员单位), topic suggestions,
// applications, a topic's working space and calls for suggestions (建议征集): /topics,
// /topic-guides, /departments, /topic-suggestions, /topic-changes, /calls.
import { api, request } from './client'
import type { Answer, QueryOf, RequestBody, Schemas } from './contract'

export type Topic = Schemas['Topic']
export type TopicListItem = Schemas['TopicListItem']
export type TopicView = Schemas['TopicView']
export type TopicStatus = Schemas['TopicStatus']
export type TopicAction = Schemas['TopicAction']
export type TopicSource = Schemas['TopicSource']
export type TopicPriority = Schemas['TopicPriority']
export type TopicInput = Schemas['TopicInput']
export type TopicGuide = Schemas['TopicGuide']
export type TopicEvent = Schemas['TopicEvent']
export type TopicMember = Schemas['TopicMember']
export type TopicApplication = Schemas['TopicApplication']
export type TopicCommission = Schemas['TopicCommission']
export type TopicFile = Schemas['TopicFile']
export type TopicFileKind = TopicFile['kind']
export type TopicSuggestion = Schemas['TopicSuggestion']
export type TopicWorkspace = Schemas['TopicWorkspace']
export type TopicChangeRequest = Schemas['TopicChangeRequest']
export type MidtermCheck = Schemas['MidtermCheck']
export type MyTopics = Schemas['MyTopics']
export type TopicOverview = Schemas['TopicOverview']
export type MemberDepartment = Schemas['MemberDepartment']
export type TopicQuery = QueryOf<'listTopics'>
export type Call = Schemas['Call']
export type CallStatus = Schemas['CallStatus']
export type CallInput = Schemas['CallInput']

// ---- topics
export const listTopics = (query: TopicQuery) => api.get<Answer<'listTopics'>>('/topics', query)
export const getTopic = (id: number) => api.get<Answer<'getTopic'>>(`/topics/${id}`)
export const createTopic = (input: RequestBody<'createTopic'>) => api.post<Answer<'createTopic'>>('/topics', input)
export const updateTopic = (id: number, patch: RequestBody<'updateTopic'>) =>
  api.patch<Answer<'updateTopic'>>(`/topics/${id}`, patch)
export const transitionTopic = (id: number, body: RequestBody<'transitionTopic'>) =>
  api.post<Answer<'transitionTopic'>>(`/topics/${id}/transitions`, body)
export const getTopicHistory = (id: number) => api.get<Answer<'getTopicHistory'>>(`/topics/${id}/history`)
export const getMyTopics = () => api.get<Answer<'getMyTopics'>>('/topics/mine')
export const getTopicOverview = () => api.get<Answer<'getTopicOverview'>>('/topics/overview')
export const listMidtermDue = (before: string) =>
  api.get<Answer<'listMidtermDue'>>('/topics/midterm-due', { before } satisfies QueryOf<'listMidtermDue'>)
export const launchMidterms = (body: RequestBody<'launchMidterms'>) =>
  api.post<Answer<'launchMidterms'>>('/topics/midterm-batch', body)

// ---- guides
export const listTopicGuides = () => api.get<Answer<'listTopicGuides'>>('/topic-guides')
export const getTopicGuide = (year: number) => api.get<Answer<'getTopicGuide'>>(`/topic-guides/${year}`)

// ---- member departments
export const listDepartments = (query: QueryOf<'listDepartments'> = {}) =>
  api.get<Answer<'listDepartments'>>('/departments', query)
export const createDepartment = (input: RequestBody<'createDepartment'>) =>
  api.post<Answer<'createDepartment'>>('/departments', input)
export const updateDepartment = (id: number, patch: RequestBody<'updateDepartment'>) =>
  api.patch<Answer<'updateDepartment'>>(`/departments/${id}`, patch)

// ---- suggestions
export const listTopicSuggestions = (query: QueryOf<'listTopicSuggestions'> = {}) =>
  api.get<Answer<'listTopicSuggestions'>>('/topic-suggestions', query)
export const suggestTopic = (input: RequestBody<'suggestTopic'>) =>
  api.post<Answer<'suggestTopic'>>('/topic-suggestions', input)
export const decideTopicSuggestion = (id: number, body: RequestBody<'decideTopicSuggestion'>) =>
  api.post<Answer<'decideTopicSuggestion'>>(`/topic-suggestions/${id}/transitions`, body)

// ---- applications and files
export const listTopicApplications = (id: number) =>
  api.get<Answer<'listTopicApplications'>>(`/topics/${id}/applications`)
export const applyForTopic = (id: number, input: RequestBody<'applyForTopic'>) =>
  api.post<Answer<'applyForTopic'>>(`/topics/${id}/applications`, input)
export const transitionTopicApplication = (
  id: number,
  applicationId: number,
  body: RequestBody<'transitionTopicApplication'>,
) => api.post<Answer<'transitionTopicApplication'>>(`/topics/${id}/applications/${applicationId}/transitions`, body)
/** Uploads a file's bytes as they are (the server recognises the type by them). */
export const uploadTopicFile = (id: number, kind: TopicFileKind, file: File) =>
  request<TopicFile>('POST', `/topics/${id}/files`, {
    query: { kind, filename: file.name },
    raw: file,
    contentType: 'application/octet-stream',
  })

// ---- the working space
export const getTopicWorkspace = (id: number) => api.get<Answer<'getTopicWorkspace'>>(`/topics/${id}/workspace`)
export const addTopicMilestone = (id: number, body: RequestBody<'addTopicMilestone'>) =>
  api.post<Answer<'addTopicMilestone'>>(`/topics/${id}/milestones`, body)
export const updateTopicMilestone = (id: number, milestoneId: number, body: RequestBody<'updateTopicMilestone'>) =>
  api.patch<Answer<'updateTopicMilestone'>>(`/topics/${id}/milestones/${milestoneId}`, body)
export const postTopicMessage = (id: number, body: RequestBody<'postTopicMessage'>) =>
  api.post<Answer<'postTopicMessage'>>(`/topics/${id}/messages`, body)
export const submitMidtermReport = (id: number, body: RequestBody<'submitMidtermReport'>) =>
  api.post<Answer<'submitMidtermReport'>>(`/topics/${id}/midterm/report`, body)
export const requestTopicChange = (id: number, body: RequestBody<'requestTopicChange'>) =>
  api.post<Answer<'requestTopicChange'>>(`/topics/${id}/changes`, body)
export const decideTopicChange = (id: number, changeId: number, body: RequestBody<'decideTopicChange'>) =>
  api.post<Answer<'decideTopicChange'>>(`/topics/${id}/changes/${changeId}/transitions`, body)
export const listPendingTopicChanges = () => api.get<Answer<'listPendingTopicChanges'>>('/topic-changes')

// ---- calls for suggestions
export const listCalls = (query: QueryOf<'listCalls'>) => api.get<Answer<'listCalls'>>('/calls', query)
export const createCall = (input: RequestBody<'createCall'>) => api.post<Answer<'createCall'>>('/calls', input)
export const updateCall = (id: number, patch: RequestBody<'updateCall'>) =>
  api.patch<Answer<'updateCall'>>(`/calls/${id}`, patch)
export const transitionCall = (id: number, body: RequestBody<'transitionCall'>) =>
  api.post<Answer<'transitionCall'>>(`/calls/${id}/transitions`, body)
