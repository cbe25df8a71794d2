// Journey: an invited expert declares a conflict of interest with a colleague found in the pool.
// The coordinator (through the API, as a script would) adds two experts, approves them and invites
// one; the invited expert signs in with the one-time password, changes it, opens 我的回避, finds
// the colleague by typing two characters of the name, and declares the conflict; it is listed as a
// pool member and is still there after a reload. A pending applicant is not offered.
import { BASE_URL, expect, personas, run, textOf, waitForText } from './lib.mjs';

// The coordinator's session for setting up through the API.
async function apiSession(persona) {
  const res = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: persona.username, password: persona.password }),
  });
  expect(res.status === 200, `API sign-in of ${persona.username}: ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  return async (method, path, body) => {
    const r = await fetch(`${BASE_URL}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = r.status === 204 ? null : await r.json();
    expect(r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
}

await run('expert-conflicts', async (page) => {
  const api = await apiSession(personas.coordinator);
  const colleague = await api('POST', '/experts', { name: '林海峰', organization: '同济大学建筑与城市规划学院' });
  await api('POST', `/experts/${colleague.id}/transitions`, { action: 'approve', note: '' });
  await api('POST', '/experts', { name: '林海涛', organization: '待审核研究所' }); // pending: not offered
  const me = await api('POST', '/experts', { name: '秦岚', organization: '复旦大学', email: 'qinlan@example.cn' });
  await api('POST', `/experts/${me.id}/transitions`, { action: 'approve', note: '' });
  const invited = await api('POST', `/experts/${me.id}/invite`);

  // First sign-in with the one-time password: the password must be changed first.
  await page.goto(`${BASE_URL}/login`);
  await page.fill('[data-testid=login-username]', invited.user.username);
  await page.fill('[data-testid=login-password]', invited.one_time_password);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=must-change-password]');
  await page.fill('[data-testid=current-password] input, input[data-testid=current-password]', invited.one_time_password);
  await page.fill('[data-testid=new-password] input, input[data-testid=new-password]', 'Qin-Lan-Harbour-2026');
  await page.fill('[data-testid=repeat-password] input, input[data-testid=repeat-password]', 'Qin-Lan-Harbour-2026');
  await page.click('[data-testid=password-submit]');
  await page.waitForSelector('[data-testid=home-greeting]');

  await page.click('[data-testid=nav-my-conflicts]');
  await page.waitForURL('**/me/conflicts');
  await page.click('[data-testid=conflict-person]');
  await page.keyboard.type('林海');
  const option = page.locator('[data-testid=conflict-person-option]').filter({ hasText: '林海峰' });
  await option.waitFor();
  const offered = await page.locator('[data-testid=conflict-person-option]').allTextContents();
  expect(offered.some((o) => o.includes('同济大学')), `the option names the organisation: ${offered}`);
  expect(!offered.some((o) => o.includes('林海涛')), `a pending applicant is not offered: ${offered}`);
  await option.click();
  await page.click('[data-testid=conflict-add]');
  await waitForText(page, '[data-testid=conflicts-table]', '林海峰');
  expect((await textOf(page, '[data-testid=conflicts-table]')).includes('库内专家'), 'the conflict is marked as a pool member');

  await page.reload();
  await waitForText(page, '[data-testid=conflicts-table]', '林海峰');
  const conflicts = await api('GET', `/experts/${me.id}/conflicts`);
  expect(conflicts.items.length === 1 && conflicts.items[0].other_expert_id === colleague.id,
    `the coordinator sees the declared conflict with expert ${colleague.id}: ${JSON.stringify(conflicts)}`);
});
