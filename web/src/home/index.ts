// Every area's home cards (home/<area>.ts, globbed: a new area adds its file and nothing else).
import type { HomeCard } from './cards'

const files = import.meta.glob<HomeCard[]>(['./*.ts', '!./index.ts', '!./cards.ts'], { eager: true, import: 'default' })

export const HOME_CARDS: HomeCard[] = Object.keys(files)
  .sort()
  .flatMap((f) => files[f]!)
