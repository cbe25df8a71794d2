// Journey: a coordinator signed in on two browsers sees both sessions on the account page, ends
// the other one (that browser's next click lands on the sign-in page, saying why), then creates an API token (shown once), uses it
// from a script with Authorization: Bearer, revokes it, and the script is refused.
import {
  BASE_URL, confirmBox, expect, openBrowser, personas, run, signIn, textOf, waitForText,
} from './lib.mjs';

const who = personas.accountOwner;
const tokenName = '数据同步脚本';

async function openTab(page, label, path) {
  await page.getByRole('tab', { name: label }).click();
  await page.waitForURL(`**${path}`);
}

function sessionRows(page) {
  return page.locator('[data-testid=sessions-table] .el-table__body tr');
}

// What a script does with the token: no cookie, no CSRF header.
async function asScript(token, path) {
  return fetch(`${BASE_URL}${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
}

await run('identity-account', async (page) => {
  await signIn(page, who);
  await waitForText(page, '[data-testid=home-greeting]', who.name);
  const laptop = await openBrowser();
  try {
    await signIn(laptop.page, who);
    await waitForText(laptop.page, '[data-testid=home-greeting]', who.name);

    // Sessions: this one (marked current) and the other browser's.
    await page.click('[data-testid=nav-account]');
    await page.waitForSelector('[data-testid=account-profile]');
    await openTab(page, '登录会话', '/account/sessions');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=sessions-table] .el-table__body tr').length === 2);
    expect(await page.locator('[data-testid=session-current]').count() === 1, 'exactly one session is marked current');
    expect((await textOf(page, '[data-testid=session-current]')) === '当前会话', 'the current one says 当前会话');

    const other = sessionRows(page).filter({ hasNot: page.locator('[data-testid=session-current]') });
    await other.locator('[data-testid=session-revoke]').click();
    const question = await textOf(page, '.el-message-box');
    expect(question.includes('该设备需要重新登录'), `the confirmation says what happens, got "${question}"`);
    await confirmBox(page);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=sessions-table] .el-table__body tr').length === 1);
    expect(await page.locator('[data-testid=session-current]').count() === 1, 'the session left is this one');

    // The other browser is signed out: without a reload, its next request takes it to the
    // sign-in page, which says why and brings it back to the page it was going to.
    await laptop.page.click('[data-testid=nav-experts]');
    await laptop.page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('expired') === '1');
    await waitForText(laptop.page, '[data-testid=login-expired]', '登录已失效');
    const back = new URL(laptop.page.url()).searchParams.get('redirect');
    expect(back === '/experts', `the sign-in page will bring the user back to /experts, got ${back}`);
    await laptop.page.reload();
    await laptop.page.waitForSelector('[data-testid=login-username]');
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=sessions-table] .el-table__body tr').length === 1);
    expect(await page.locator('[data-testid=session-current]').count() === 1, 'still signed in here after a reload');
  } finally {
    await laptop.close();
  }

  // API token: created, shown once.
  await openTab(page, 'API 令牌', '/account/tokens');
  await waitForText(page, '[data-testid=tokens-table]', '暂无 API 令牌');
  await page.fill('[data-testid=token-name]', tokenName);
  await page.click('[data-testid=token-create]');
  await page.waitForSelector('[data-testid=one-time-secret]');
  const dialog = await textOf(page, '.el-dialog:has([data-testid=one-time-secret])');
  expect(dialog.includes('令牌已创建') && dialog.includes('只显示这一次'), `the token is announced as shown once, got "${dialog}"`);
  const token = (await page.textContent('[data-testid=secret-value]')).trim();
  expect(token.length >= 20 && !/\s/.test(token), `a token is shown, got "${token}"`);
  await page.click('[data-testid=secret-done]');
  await page.locator('[data-testid=one-time-secret]').waitFor({ state: 'hidden' });
  await waitForText(page, '[data-testid=tokens-table]', tokenName);
  await page.reload();
  const listed = await waitForText(page, '[data-testid=tokens-table]', tokenName);
  expect(listed.includes('从未使用'), `a new token was never used, got "${listed}"`);
  expect(!(await textOf(page, 'body')).includes(token), 'the token is not shown again');

  // A script uses it.
  const me = await asScript(token, '/api/v1/auth/me');
  expect(me.status === 200, `the token signs the script in (got ${me.status})`);
  expect((await me.json()).user?.username === who.username, 'as the token\'s owner');
  const experts = await asScript(token, '/api/v1/experts');
  expect(experts.status === 200, `with the owner's access (got ${experts.status})`);
  // The use is recorded in the background: it shows after a reload.
  for (let i = 0; ; i++) {
    await page.reload();
    const row = await waitForText(page, '[data-testid=tokens-table]', tokenName);
    if (!row.includes('从未使用')) break;
    expect(i < 10, `the token's last use is shown, got "${row}"`);
    await page.waitForTimeout(300);
  }

  // Revoked: gone from the list, and the script is refused.
  await page.locator('[data-testid=tokens-table] .el-table__body tr', { hasText: tokenName })
    .locator('[data-testid=token-revoke]').click();
  const confirm = await textOf(page, '.el-message-box');
  expect(confirm.includes(tokenName), `the confirmation names the token, got "${confirm}"`);
  await confirmBox(page);
  await waitForText(page, '[data-testid=tokens-table]', '暂无 API 令牌');
  const refused = await asScript(token, '/api/v1/auth/me');
  expect(refused.status === 401, `a revoked token is refused with 401 (got ${refused.status})`);
  await page.reload();
  await waitForText(page, '[data-testid=tokens-table]', '暂无 API 令牌');
});
