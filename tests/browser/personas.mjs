// The personas the browser journeys sign in as: "username role display-name password" lines.
// The first four are the shared cast; each identity journey has its own account, because it
// changes what signing in takes (TOTP enrolled, sessions ended) and journeys run one after another.
export const personas = {
  admin: { username: 'admin', role: 'admin', name: '系统管理员', password: 'Zk-Root-Guard-2026' },
  coordinator: { username: 'coord', role: 'coordinator', name: '王协调', password: 'Zk-Office-Desk-2026' },
  expert: { username: 'alice', role: 'expert', name: '李专家', password: 'Zk-Scholar-Pen-2026' },
  leader: { username: 'leader', role: 'leader', name: '赵领导', password: 'Zk-Council-Seal-2026' },
  // identity_totp: a leader who must enrol TOTP at first sign-in.
  enrollingLeader: { username: 'zhou', role: 'leader', name: '周组长', password: 'Zk-Steering-Bell-2026' },
  // identity_account: a coordinator with two browsers and an API token.
  accountOwner: { username: 'wuqing', role: 'coordinator', name: '吴秘书', password: 'Zk-Ledger-Lamp-2026' },
  // identity_users: the administrator who manages accounts (enrols TOTP first).
  userAdmin: { username: 'qian', role: 'admin', name: '钱管理员', password: 'Zk-Server-Room-2026' },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const p of Object.values(personas)) console.log(`${p.username} ${p.role} ${p.name} ${p.password}`);
}
