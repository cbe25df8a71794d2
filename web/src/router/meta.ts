// What a route declares about itself: who may open it, its title, and where it sits in the side
// menu. guards.ts reads `public`, `secondFactor` and `roles`; navigation.ts reads `menu`.
import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/common'

/**
 * The side menu's groups, in the order they are shown. A group without a title (`main`,
 * `account`) shows its entries without a heading; the others are titled `nav.groups.<group>`.
 */
export const MENU_GROUPS = ['main', 'mine', 'pool', 'research', 'proposals', 'reviews', 'decisions', 'system', 'account'] as const
export type MenuGroup = (typeof MENU_GROUPS)[number]
export const UNTITLED_GROUPS: readonly MenuGroup[] = ['main', 'account']

export interface MenuMeta {
  group: MenuGroup
  /** Place inside the group, smallest first. */
  order: number
  /** An icon component from @element-plus/icons-vue. */
  icon: Component
  /** Used in data-testid="nav-<id>"; the route's name when absent. */
  id?: string
  /** i18n key of the entry; the route's title when absent. */
  label?: string
  /** Who sees the entry when that is fewer than who may open the page (meta.roles). */
  roles?: Role[]
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without signing in (login, the public application form). */
    public?: boolean
    /** The second-factor step of sign-in. */
    secondFactor?: boolean
    /** Roles allowed; absent means every signed-in user. */
    roles?: Role[]
    /** i18n key of the page title. */
    title?: string
    /** An entry in the side menu (a page without parameters only). */
    menu?: MenuMeta
  }
}

/**
 * One area's pages (a file in router/routes/). `shell`: inside the signed-in frame (header, side
 * menu), paths relative to `/`. `standalone`: full-page routes outside it (sign-in, public forms),
 * absolute paths.
 */
export interface AreaRoutes {
  shell?: RouteRecordRaw[]
  standalone?: RouteRecordRaw[]
}

/** Marks a file's default export as an area's routes (and checks its shape). */
export function defineArea(area: AreaRoutes): AreaRoutes {
  return area
}

/** Role sets that several areas gate pages with. */
export const STAFF: Role[] = ['coordinator', 'admin']
export const READERS: Role[] = ['coordinator', 'admin', 'leader']
