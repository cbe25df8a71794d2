// Administration: users and the audit log.
import type zh from '../zh-CN/admin'

const en: typeof zh = {
  nav: {
    users: 'Users',
    audit: 'Audit log',
  },
  users: {
    create: 'New user',
    edit: 'Edit user',
    username: 'User name',
    displayName: 'Name',
    email: 'E-mail',
    roles: 'Roles',
    totp: '2-step',
    searchPlaceholder: 'Search user name, name or e-mail',
    statuses: {
      active: 'Active',
      disabled: 'Disabled',
    },
    disable: 'Disable',
    enable: 'Enable',
    resetPassword: 'Reset password',
    resetTotp: 'Reset two-step verification',
    confirmDisable: 'Disable {name}? All their sessions end at once.',
    confirmEnable: 'Enable {name} again?',
    confirmResetPassword: 'Reset the password of {name}? A one-time password is made; they must change it on sign-in.',
    confirmResetTotp: 'Reset two-step verification of {name}? They will have to set it up again.',
    createdTitle: 'User created',
    oneTimeHint: 'Give {name} this one-time password through a safe channel; it must be changed on first sign-in:',
    totpReset: 'Two-step verification reset',
  },
  audit: {
    at: 'Time',
    actor: 'Actor',
    actorId: 'Actor ID',
    action: 'Action',
    entity: 'Record',
    entityType: 'Record type',
    entityId: 'Record ID',
    from: 'From',
    to: 'To',
    field: 'Field',
    before: 'Before',
    after: 'After',
    requestId: 'Request ID',
    clientAddress: 'Client address',
    system: 'System',
  },
}

export default en
