// The start page.
import type zh from '../zh-CN/home'

const en: typeof zh = {
  nav: {
    home: 'Home',
  },
  home: {
    title: 'Home',
    morning: 'Good morning',
    afternoon: 'Good afternoon',
    evening: 'Good evening',
    greeting: '{greeting}, {name}',
    rolesLine: 'Your roles: {roles}',
    quickLinks: 'Shortcuts',
    activeExperts: 'Active experts',
    pendingExperts: 'Awaiting approval',
    staleExperts: 'Profiles to confirm',
  },
  homeCards: {
    queueTitle: 'Experts awaiting review ({n})',
    toQueue: 'Review',
    poolTitle: 'The pool',
    toPool: 'Open the pool',
    toProfile: 'View profile',
    confirmProfile: 'Your profile was last confirmed over two years ago: please check and confirm it.',
    confirmedOn: 'Profile confirmed on {at}',
  },
}

export default en
