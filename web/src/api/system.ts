// Service state: /health.
import { api } from './client'
import type { Answer, Schemas } from './contract'

export type Health = Schemas['Health']

export const getHealth = () => api.get<Answer<'getHealth'>>('/health')
