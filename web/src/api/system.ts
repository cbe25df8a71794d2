// Service state: /health.
import { api } from './client'
import type { Health } from './types'

export const getHealth = () => api.get<Health>('/health')
