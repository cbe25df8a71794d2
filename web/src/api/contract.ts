// Types read from the HTTP contract: openapi.gen.ts is generated from schema/openapi.yaml by
// `npm run api-types` (which build, typecheck and dev run first), so a type here cannot drift
// from the document. api/<area>.ts names the shapes its pages use and types each endpoint's
// function by its operationId: `api.get<Answer<'getExpert'>>(…)`.
import type { components, operations } from './openapi.gen'

/** The document's named schemas: `Schemas['Expert']`. */
export type Schemas = components['schemas']

export type OperationId = keyof operations

type Json<C> = C extends { content: { 'application/json': infer B } } ? B : never

/** The JSON body an operation takes. */
export type RequestBody<K extends OperationId> = Json<NonNullable<operations[K]['requestBody']>>

/** The JSON of an operation's success answer (200 or 201); void for 204 and the rest. */
export type Answer<K extends OperationId> = operations[K]['responses'] extends infer R
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer A }
      ? Json<A>
      : void
  : never

/**
 * The query parameters an operation takes. Each may also be '' or null, as a cleared filter
 * holds it: the client leaves those out of the address (client.ts buildUrl).
 */
export type QueryOf<K extends OperationId> = {
  [P in keyof NonNullable<operations[K]['parameters']['query']>]?: NonNullable<operations[K]['parameters']['query']>[P] | '' | null
}
