// Journey: the shell loads from the real server, switches language, refuses a wrong password
// with a message, signs a coordinator in and out.
import { BASE_URL, expect, personas, run, signIn } from './lib.mjs';

await run('shell', async (page) => {
  await page.goto(`${BASE_URL}/experts`);
  await page.waitForSelector('[data-testid=login-username]');
  expect(page.url().includes('/login'), 'anonymous visit is sent to the login page');
  expect((await page.evaluate(() => document.documentElement.lang)).startsWith('zh'), 'Chinese is the default');

  await page.click('[data-testid=lang-switch]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  const english = await page.textContent('body');
  await page.click('[data-testid=lang-switch]');
  await page.waitForFunction(() => document.documentElement.lang.startsWith('zh'));
  const chinese = await page.textContent('body');
  expect(english !== chinese, 'the language switch changes the visible text');

  await page.fill('[data-testid=login-username]', personas.coordinator.username);
  await page.fill('[data-testid=login-password]', 'definitely-wrong-pw');
  await page.click('[data-testid=login-submit]');
  await page.waitForSelector('[data-testid=login-error]');
  const message = await page.textContent('[data-testid=login-error]');
  expect(message.includes('用户名或密码错误'), `wrong password message shown, got "${message}"`);

  await signIn(page, personas.coordinator);
  await page.goto(`${BASE_URL}/experts`);
  await page.waitForSelector('[data-testid=experts-table]');
  await page.click('[data-testid=user-menu]');
  await page.click('[data-testid=logout]');
  await page.waitForURL('**/login**');
});
