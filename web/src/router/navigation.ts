// The side menu, made from the route table: every route with `meta.menu` is an entry, shown to
// the roles that may open it (or the fewer that meta.menu.roles names), grouped and ordered as
// it declares.
import type { Component } from 'vue'
import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/common'
import { MENU_GROUPS, UNTITLED_GROUPS, type MenuGroup } from './meta'
import { routes } from './routes'

export interface NavItem {
  /** Used in data-testid="nav-<name>". */
  name: string
  to: string
  label: string
  icon: Component
  group: MenuGroup
  order: number
  /** Absent: every signed-in user. */
  roles?: Role[]
}

export interface NavGroup {
  group: MenuGroup
  /** i18n key of the heading; absent for the untitled groups. */
  title?: string
  items: NavItem[]
}

function join(prefix: string, path: string): string {
  if (path.startsWith('/')) return path
  const base = prefix.endsWith('/') ? prefix : prefix + '/'
  return path ? base + path : prefix || '/'
}

/** The menu entries that `list` declares, in menu order. Throws on an entry it cannot link to. */
export function navItems(list: RouteRecordRaw[], prefix = ''): NavItem[] {
  const out: NavItem[] = []
  const walk = (records: RouteRecordRaw[], parent: string) => {
    for (const r of records) {
      const to = join(parent, r.path)
      const menu = r.meta?.menu
      if (menu) {
        const name = menu.id ?? (typeof r.name === 'string' ? r.name : undefined)
        const label = menu.label ?? r.meta?.title
        if (!name || !label || to.includes(':')) throw new Error(`menu entry at ${to} needs a name, a label and a path without parameters`)
        out.push({ name, to, label, icon: menu.icon, group: menu.group, order: menu.order, roles: menu.roles ?? r.meta?.roles })
      }
      if (r.children) walk(r.children, to)
    }
  }
  walk(list, prefix)
  const rank = (g: MenuGroup) => MENU_GROUPS.indexOf(g)
  return out.sort((a, b) => rank(a.group) - rank(b.group) || a.order - b.order)
}

export const NAV_ITEMS: NavItem[] = navItems(routes)

export function navFor(roles: Role[], items: NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((item) => !item.roles || item.roles.length === 0 || item.roles.some((r) => roles.includes(r)))
}

/** The entries grouped for display, leaving out empty groups. */
export function groupNav(items: NavItem[]): NavGroup[] {
  return MENU_GROUPS.map((group) => ({
    group,
    title: UNTITLED_GROUPS.includes(group) ? undefined : `nav.groups.${group}`,
    items: items.filter((i) => i.group === group),
  })).filter((g) => g.items.length > 0)
}
