// The cards of the home page, one file per area in this folder: `home/<area>.ts` =
// `export default defineHomeCards([{ id, roles, order, component: () => import(...) }])`. The home
// page shows each card whose roles the user holds, by `order` (smaller first); a card that has
// nothing to say renders nothing. Cards load their own data and link to where the work is.
import type { Component } from 'vue'
import type { Role } from '@/api/common'

export interface HomeCard {
  /** Unique across areas; the card's data-testid is `home-card-<id>`. */
  id: string
  /** Who sees it. */
  roles: Role[]
  /** Place on the page, smaller first: to-dos 10–99, figures 100–199, charts 200–299, the rest after. */
  order: number
  /** 'full' takes the whole row; 'half' (default) half of it on wide screens. */
  width?: 'half' | 'full'
  component: () => Promise<{ default: Component }>
}

/** Marks a file's default export as an area's home cards (and checks its shape). */
export function defineHomeCards(cards: HomeCard[]): HomeCard[] {
  return cards
}

/** The cards `roles` sees, in order; throws when two areas use one id. */
export function cardsFor(all: HomeCard[], roles: Role[]): HomeCard[] {
  const seen = new Set<string>()
  for (const c of all) {
    if (seen.has(c.id)) throw new Error(`home card ${c.id} is defined twice`)
    seen.add(c.id)
  }
  return all.filter((c) => c.roles.some((r) => roles.includes(r))).sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
}
