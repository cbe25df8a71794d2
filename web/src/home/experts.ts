// The expert pool's home cards (see home/cards.ts).
import { defineHomeCards } from './cards'

export default defineHomeCards([
  { id: 'expert-queue', roles: ['coordinator', 'admin'], order: 10, component: () => import('@/pages/experts/home/QueueCard.vue') },
  { id: 'my-profile', roles: ['expert'], order: 20, component: () => import('@/pages/experts/home/MyProfileCard.vue') },
  { id: 'expert-pool', roles: ['coordinator', 'admin', 'leader'], order: 100, component: () => import('@/pages/experts/home/PoolFiguresCard.vue') },
])
