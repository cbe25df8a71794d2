// A user account's statuses, labelled and coloured.
import type { UserStatus } from '@/api/users'
import type { Terms } from '@/components/terms'

export const USER_STATUSES: Terms<UserStatus> = {
  active: { label: 'users.statuses.active', tone: 'success' },
  disabled: { label: 'users.statuses.disabled', tone: 'info' },
}
