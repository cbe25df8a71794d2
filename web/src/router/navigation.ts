// The side navigation: each entry shows for the roles that can use its page.
import type { Role } from '@/api/types'

export interface NavItem {
  /** Used in data-testid="nav-<name>". */
  name: string
  to: string
  label: string
  icon: 'House' | 'User' | 'Document' | 'Collection' | 'Finished' | 'Share' | 'Files' | 'Postcard' | 'Warning' | 'Setting'
  /** Absent: every signed-in user. */
  roles?: Role[]
}

export const NAV_ITEMS: NavItem[] = [
  { name: 'home', to: '/', label: 'nav.home', icon: 'House' },
  { name: 'experts', to: '/experts', label: 'nav.experts', icon: 'Collection', roles: ['admin', 'coordinator', 'leader'] },
  { name: 'queue', to: '/experts/queue', label: 'nav.queue', icon: 'Finished', roles: ['coordinator'] },
  { name: 'fields', to: '/fields', label: 'nav.fields', icon: 'Share', roles: ['coordinator'] },
  { name: 'pools', to: '/pools', label: 'nav.pools', icon: 'Files', roles: ['coordinator'] },
  { name: 'users', to: '/admin/users', label: 'nav.users', icon: 'User', roles: ['admin'] },
  { name: 'audit', to: '/admin/audit', label: 'nav.audit', icon: 'Document', roles: ['admin', 'coordinator'] },
  { name: 'my-profile', to: '/me/profile', label: 'nav.myProfile', icon: 'Postcard', roles: ['expert'] },
  { name: 'my-conflicts', to: '/me/conflicts', label: 'nav.myConflicts', icon: 'Warning', roles: ['expert'] },
  { name: 'account', to: '/account', label: 'nav.account', icon: 'Setting' },
]

export function navFor(roles: Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.roles || item.roles.some((r) => roles.includes(r)))
}
