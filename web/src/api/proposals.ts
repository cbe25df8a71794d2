// Proposals: /proposals (list, create), /proposals/queue (screening), /proposals/preview,
// /proposals/{id} (read, edit), transitions and versions.
import { api, type ResponseMeta } from './client'
import type { Answer, QueryOf, RequestBody, Schemas } from './contract'

export type Proposal = Schemas['Proposal']
export type ProposalInput = Schemas['ProposalInput']
export type ProposalListItem = Schemas['ProposalListItem']
export type ProposalKind = Schemas['ProposalKind']
export type ProposalStatus = Schemas['ProposalStatus']
export type ProposalAction = Schemas['ProposalAction']
export type Sensitivity = Schemas['Sensitivity']
export type ProposalVersion = Schemas['ProposalVersion']
export type ProposalEvent = Schemas['ProposalEvent']
export type ProposalQuery = QueryOf<'listProposals'>

export const listProposals = (query: ProposalQuery, meta?: ResponseMeta) =>
  api.get<Answer<'listProposals'>>('/proposals', query, undefined, meta)

export const listScreeningQueue = (query: QueryOf<'listScreeningQueue'>) =>
  api.get<Answer<'listScreeningQueue'>>('/proposals/queue', query)

export const createProposal = (input: RequestBody<'createProposal'>) => api.post<Answer<'createProposal'>>('/proposals', input)

export const getProposal = (id: number, meta?: ResponseMeta) =>
  api.get<Answer<'getProposal'>>(`/proposals/${id}`, undefined, undefined, meta)

/** Saves the working copy at `version`; a stale one throws ApiError 412 whose body.current is the other save. */
export const updateProposal = (id: number, version: number, input: ProposalInput) =>
  api.patch<Answer<'updateProposal'>>(`/proposals/${id}`, { ...input, version })

export const transitionProposal = (id: number, action: ProposalAction, note = '') =>
  api.post<Answer<'transitionProposal'>>(`/proposals/${id}/transitions`, note ? { action, note } : { action })

export const previewProposal = (body: string) => api.post<Answer<'previewProposal'>>('/proposals/preview', { body })

export const listProposalVersions = (id: number) => api.get<Answer<'listProposalVersions'>>(`/proposals/${id}/versions`)

export const getProposalVersion = (id: number, n: number) =>
  api.get<Answer<'getProposalVersion'>>(`/proposals/${id}/versions/${n}`)

export type Call = Schemas['Call']
/** Calls open for submissions now (a proposal may answer one). */
export const listOpenCalls = () => api.get<Answer<'listCalls'>>('/calls', { status: 'open', page_size: 100 } satisfies QueryOf<'listCalls'>)
export const getCall = (id: number) => api.get<Answer<'getCall'>>(`/calls/${id}`)
