// How the audit entries of accounts, sessions and API tokens read (see audit/terms.ts).
import { listUsers } from '@/api/users'
import { defineAuditTerms } from './terms'

export default defineAuditTerms({
  actions: {
    'user.create': 'userAudit.create',
    'user.update': 'userAudit.update',
    'user.disable': 'users.disable',
    'user.enable': 'users.enable',
    'user.password_change': 'userAudit.passwordChange',
    'user.password_reset': 'users.resetPassword',
    'user.password_set': 'userAudit.passwordSet',
    'user.totp_setup': 'userAudit.totpSetup',
    'user.totp_enable': 'userAudit.totpEnable',
    'user.totp_disable': 'userAudit.totpDisable',
    'user.totp_reset': 'users.resetTotp',
    'session.login': 'userAudit.login',
    'session.login_failed': 'userAudit.loginFailed',
    'session.second_factor': 'userAudit.secondFactor',
    'session.second_factor_failed': 'userAudit.secondFactorFailed',
    'session.logout': 'userAudit.logout',
    'session.revoke': 'userAudit.revoke',
    'token.create': 'userAudit.tokenCreate',
    'token.revoke': 'userAudit.tokenRevoke',
  },
  entities: {
    user: {
      label: 'userAudit.entity',
      adminOnly: true,
      fields: {
        username: 'users.username',
        display_name: 'users.displayName',
        email: 'users.email',
        roles: 'users.roles',
        status: 'common.status',
        totp_enabled: 'users.totp',
        must_change_password: 'userAudit.mustChangePassword',
        tokens_revoked: 'userAudit.tokensRevoked',
      },
      values: {
        status: { active: { label: 'users.statuses.active', tone: 'success' }, disabled: { label: 'users.statuses.disabled', tone: 'info' } },
      },
      search: async (q) => (await listUsers({ q, page_size: 10 })).items.map((u) => ({ id: u.id, label: `${u.display_name}（${u.username}）` })),
    },
    api_token: {
      label: 'userAudit.token',
      adminOnly: true,
      fields: { name: 'tokens.name', expires_at: 'tokens.expiresAt', scope: 'tokens.scope' },
      values: {
        scope: { read_only: { label: 'tokens.scopes.read_only', tone: 'info' }, read_write: { label: 'tokens.scopes.read_write', tone: 'warning' } },
      },
    },
  },
})
