// The personas the browser journeys sign in as: "username role display-name password" lines.
export const personas = {
  admin: { username: 'admin', role: 'admin', name: '系统管理员', password: 'Zk-Root-Guard-2026' },
  coordinator: { username: 'coord', role: 'coordinator', name: '王协调', password: 'Zk-Office-Desk-2026' },
  expert: { username: 'alice', role: 'expert', name: '李专家', password: 'Zk-Scholar-Pen-2026' },
  leader: { username: 'leader', role: 'leader', name: '赵领导', password: 'Zk-Council-Seal-2026' },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const p of Object.values(personas)) console.log(`${p.username} ${p.role} ${p.name} ${p.password}`);
}
