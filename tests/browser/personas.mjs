// The personas the browser journeys sign in as: "username role display-name password" lines.
export const personas = {
  admin: { username: 'admin', role: 'admin', name: '系统管理员', password: 'Admin-Pass-2026!' },
  coordinator: { username: 'coord', role: 'coordinator', name: '王协调', password: 'Coord-Pass-2026!' },
  expert: { username: 'alice', role: 'expert', name: '李专家', password: 'Alice-Pass-2026!' },
  leader: { username: 'leader', role: 'leader', name: '赵领导', password: 'Leader-Pass-2026!' },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const p of Object.values(personas)) console.log(`${p.username} ${p.role} ${p.name} ${p.password}`);
}
