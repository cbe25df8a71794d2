// Journey: a leader, whose role requires two-factor sign-in, signs in for the first time and is
// held on the enrolment screen; enrols with the code an authenticator app would compute from the
// shown secret, keeps the recovery codes; then signs in again with a code, once with a recovery
// code, and finds that recovery code refused the second time. A second step left until its
// session is gone sends them back to sign in, saying why.
import {
  BASE_URL, enrolTotp, expect, nextTotp, personas, run, signIn, signOut, textOf, totp, waitForText,
} from './lib.mjs';

const who = personas.enrollingLeader;

async function passwordThenSecondFactor(page) {
  await signIn(page, who);
  await page.waitForURL('**/login/totp');
  expect((await textOf(page, 'body')).includes('请打开身份验证器应用'), 'the second step asks for the app\'s code');
}

async function submitRecoveryCode(page, code) {
  await page.click('[data-testid=totp-toggle-recovery]');
  await waitForText(page, 'body', '请输入一个未使用过的恢复码');
  await page.fill('[data-testid=totp-code]', code);
  await page.click('[data-testid=totp-submit]');
}

await run('identity-totp', async (page, context) => {
  await signIn(page, who);
  await page.waitForURL('**/account/security');
  expect((await textOf(page, '[data-testid=must-enrol-totp]')).includes('您的角色要求开启两步验证'),
    'the enrolment screen says why');
  await page.goto(`${BASE_URL}/experts`);
  await page.waitForURL('**/account/security');
  await page.waitForSelector('[data-testid=totp-setup]');

  const { secret, step, recoveryCodes } = await enrolTotp(page);
  const dialog = await textOf(page, '.el-dialog:has([data-testid=one-time-secret])');
  expect(dialog.includes('恢复码') && dialog.includes('只显示这一次'), `recovery codes are shown once, got "${dialog}"`);
  expect(recoveryCodes.length === 10 && new Set(recoveryCodes).size === 10, `ten distinct recovery codes, got ${recoveryCodes}`);
  await page.click('[data-testid=secret-done]');
  await waitForText(page, '[data-testid=home-greeting]', who.name);

  // After a reload the account says two-factor sign-in is on, and that this role cannot turn it off.
  await page.goto(`${BASE_URL}/account`);
  const profile = await waitForText(page, '[data-testid=account-profile]', '已开启');
  expect(!profile.includes(secret), 'the secret is not shown again');
  await page.goto(`${BASE_URL}/account/security`);
  const security = await waitForText(page, '[data-testid=security-panel]', '两步验证已开启');
  expect(security.includes('无法关闭') && (await page.locator('[data-testid=totp-disable]').count()) === 0,
    'a leader cannot turn two-factor sign-in off');
  await signOut(page);

  // Password, then the app's next code (the code used for enrolment cannot be used again).
  await passwordThenSecondFactor(page);
  const { code } = await nextTotp(secret, step);
  await page.fill('[data-testid=totp-code]', code);
  await page.click('[data-testid=totp-submit]');
  await waitForText(page, '[data-testid=home-greeting]', who.name);
  await page.reload();
  await waitForText(page, '[data-testid=home-greeting]', who.name);
  await signOut(page);

  // Phone lost: a recovery code instead.
  await passwordThenSecondFactor(page);
  await submitRecoveryCode(page, recoveryCodes[0]);
  await waitForText(page, '[data-testid=home-greeting]', who.name);
  await signOut(page);

  // The same recovery code a second time is refused; another one still works.
  await passwordThenSecondFactor(page);
  await submitRecoveryCode(page, recoveryCodes[0]);
  const refused = await waitForText(page, '[data-testid=problem-message]', '恢复码不正确或已使用');
  expect(new URL(page.url()).pathname === '/login/totp', `still on the second step after "${refused}"`);
  await page.fill('[data-testid=totp-code]', recoveryCodes[1]);
  await page.click('[data-testid=totp-submit]');
  await waitForText(page, '[data-testid=home-greeting]', who.name);
  await signOut(page);

  // The second step left too long: the waiting session is gone (here its cookie is dropped, as
  // when it expires). Submitting a code leads back to sign-in, saying why, and signing in works.
  await passwordThenSecondFactor(page);
  await context.clearCookies();
  await page.fill('[data-testid=totp-code]', totp(secret));
  await page.click('[data-testid=totp-submit]');
  await page.waitForURL((url) => url.pathname === '/login');
  await waitForText(page, '[data-testid=login-expired]', '登录已失效，请重新登录');
  await passwordThenSecondFactor(page);
  await submitRecoveryCode(page, recoveryCodes[2]);
  await waitForText(page, '[data-testid=home-greeting]', who.name);
});
