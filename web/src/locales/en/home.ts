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
}

export default en
