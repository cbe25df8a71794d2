// Journey: an expert writes a policy suggestion with a co-author, the office returns it with a
// reason, the author revises and resubmits, the history shows the word diff, the office accepts
// it. On the way: another expert gets 404 on the draft; the two co-authors collide on a second
// draft and the 412 merge view lets the second one keep their text.
// Setup through the API as a script would: the coordinator adds three experts, approves and
// invites them; each invited expert signs in with the one-time password and changes it.
import { BASE_URL, expect, openBrowser, personas, run, signIn, textOf, waitForText } from './lib.mjs';

async function apiSession(username, password) {
  const res = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status === 200, `API sign-in of ${username}: ${res.status}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await res.json();
  return async (method, path, body, okStatus) => {
    const r = await fetch(`${BASE_URL}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = r.status === 204 ? null : await r.json();
    if (okStatus !== undefined) expect(r.status === okStatus, `${method} ${path}: ${r.status}, wanted ${okStatus}`);
    else expect(r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(json)}`);
    return json;
  };
}

// An approved pool expert with an account; signs in once in `page` to set a password.
async function invitedExpert(office, page, name, organization, password) {
  const e = await office('POST', '/experts', { name, organization });
  await office('POST', `/experts/${e.id}/transitions`, { action: 'approve', note: '' });
  const invited = await office('POST', `/experts/${e.id}/invite`);
  await page.goto(`${BASE_URL}/login`);
  await page.fill('[data-testid=login-username]', invited.user.username);
  await page.fill('[data-testid=login-password]', invited.one_time_password);
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=must-change-password]');
  await page.fill('[data-testid=current-password] input, input[data-testid=current-password]', invited.one_time_password);
  await page.fill('[data-testid=new-password] input, input[data-testid=new-password]', password);
  await page.fill('[data-testid=repeat-password] input, input[data-testid=repeat-password]', password);
  await page.click('[data-testid=password-submit]');
  await page.waitForSelector('[data-testid=home-greeting]');
  return { id: e.id, username: invited.user.username, password };
}

async function pickCoauthor(page, typed, name) {
  await page.click('[data-testid=proposal-authors]');
  await page.keyboard.type(typed);
  await page.locator('.el-select-dropdown__item').filter({ hasText: name }).first().click();
  await page.keyboard.press('Escape');
}

await run('proposals', async (page) => {
  const office = await apiSession(personas.coordinator.username, personas.coordinator.password);
  const author = await invitedExpert(office, page, '杜若衡', '同济大学', 'Du-Ruoheng-Lantern-2026');
  const second = await openBrowser();
  const coauthor = await invitedExpert(office, second.page, '葛明远', '复旦大学', 'Ge-Mingyuan-Harbour-2026');
  const outsiderPage = (await openBrowser()).page;
  const outsider = await invitedExpert(office, outsiderPage, '潘书言', '上海交通大学', 'Pan-Shuyan-Bridge-2026');

  // ---- the author writes a draft with the template, a co-author and the live count
  await page.click('[data-testid=nav-my-proposals]');
  await page.waitForURL('**/me/proposals');
  await page.click('[data-testid=proposal-create]');
  await page.waitForURL('**/proposals/new');
  await page.fill('input[data-testid=proposal-title]', '关于推进老旧小区加装电梯的建议');
  await page.click('[data-testid=proposal-template]');
  const body = page.locator('textarea[data-testid=proposal-body]');
  const template = await body.inputValue();
  expect(template.includes('## 存在问题') && template.includes('## 对策建议'), `template: ${template}`);
  await body.fill('## 存在问题\n\n老旧小区加装电梯进展缓慢。\n\n## 原因分析\n\n居民意见难统一。\n\n## 对策建议\n\n建立协商机制。');
  await waitForText(page, '[data-testid=proposal-body-count]', '40 字');
  await waitForText(page, '[data-testid=proposal-preview] h2', '存在问题');
  await pickCoauthor(page, '葛明', '葛明远');
  await page.click('[data-testid=proposal-save]');
  await page.waitForURL(/\/proposals\/\d+\/edit$/);
  const id = Number(new URL(page.url()).pathname.split('/')[2]);

  // Another expert, even knowing the number, does not learn it exists.
  const stranger = await apiSession(outsider.username, outsider.password);
  await stranger('GET', `/proposals/${id}`, undefined, 404);
  // The co-author sees it among their own.
  const co = await apiSession(coauthor.username, coauthor.password);
  const theirs = await co('GET', '/proposals?scope=mine');
  expect(theirs.items.some((p) => p.id === id), `the co-author lists it: ${JSON.stringify(theirs.items)}`);

  // ---- submit; the office returns it with a reason from the screening queue (bulk)
  await page.click('[data-testid=proposal-submit]');
  await page.waitForURL(`**/proposals/${id}`);
  await waitForText(page, '[data-testid=proposal-heading]', '加装电梯');
  expect((await textOf(page, '.el-descriptions')).includes('已提交'), 'submitted');

  const officePage = second.page;
  await officePage.context().clearCookies();
  await signIn(officePage, personas.coordinator);
  await officePage.click('[data-testid=nav-screening]');
  await officePage.waitForURL('**/proposals/queue');
  const row = officePage.locator('[data-testid=screening-table] .el-table__row').filter({ hasText: '加装电梯' });
  await row.locator('.el-checkbox').first().click();
  await officePage.click('[data-testid=screening-bulk-return]');
  await officePage.fill('.el-dialog textarea', '请补充典型案例和数据来源');
  await officePage.click('.el-dialog .el-button--primary');
  await waitForText(officePage, '[data-testid=bulk-result], .bulk-result', '1');

  // ---- the author sees the reason, revises and resubmits: version 2 with a word diff
  await page.reload();
  await waitForText(page, '[data-testid=proposal-status-note]', '请补充典型案例和数据来源');
  await page.click('[data-testid=proposal-edit]');
  await page.waitForURL(`**/proposals/${id}/edit`);
  await waitForText(page, '[data-testid=proposal-return-reason]', '典型案例');
  await body.fill('## 存在问题\n\n老旧小区加装电梯进展缓慢，据统计仅三成完成。\n\n## 原因分析\n\n居民意见难统一。\n\n## 对策建议\n\n建立协商机制。');
  await page.click('[data-testid=proposal-submit]');
  await page.waitForURL(`**/proposals/${id}`);
  await page.click('.el-tabs__item:has-text("版本历史")');
  await waitForText(page, '[data-testid=proposal-versions]', '第 2 版');
  await waitForText(page, '[data-testid=diff-body] .added', '三成');
  await waitForText(page, '[data-testid=diff-stats]', '增加');

  // ---- the office accepts it from the detail page
  await officePage.goto(`${BASE_URL}/proposals/${id}`);
  await officePage.click('[data-testid=proposal-action-accept]');
  await waitForText(officePage, '.el-descriptions', '已受理');

  // ---- two co-authors collide on a second draft: the second gets the merge view
  const draft = await co('POST', '/proposals', { kind: 'report', title: '社区养老调研报告', body: '初稿', author_ids: [coauthor.id, author.id] });
  await page.goto(`${BASE_URL}/proposals/${draft.id}/edit`);
  await page.waitForSelector('input[data-testid=proposal-title]');
  await co('PATCH', `/proposals/${draft.id}`, { version: draft.version, summary: '葛明远先写的摘要' });
  await page.fill('input[data-testid=proposal-title]', '社区养老服务调研报告');
  await page.click('[data-testid=proposal-save]');
  await page.waitForSelector('[data-testid=proposal-merge]');
  await waitForText(page, '[data-testid=merge-summary] [data-testid=merge-theirs]', '葛明远先写的摘要');
  await page.click('[data-testid=merge-keep-mine]');
  await waitForText(page, '[data-testid=proposal-autosaved]', '');
  const merged = await co('GET', `/proposals/${draft.id}`);
  expect(merged.title === '社区养老服务调研报告', `the second author's title was kept: ${merged.title}`);
});
