// Journey: an expert signs in, has no admin navigation, and is refused the admin pages.
import { BASE_URL, expect, personas, run, signIn } from './lib.mjs';

await run('expert-not-admin', async (page) => {
  await signIn(page, personas.expert);
  await page.waitForSelector('[data-testid=side-nav]');
  expect((await page.locator('[data-testid=nav-users]').count()) === 0, 'no user administration in the navigation');
  expect((await page.locator('[data-testid=nav-account]').count()) === 1, 'my account is in the navigation');
  await page.goto(`${BASE_URL}/admin/users`);
  await page.waitForSelector('[data-testid=page-forbidden]');
  const r = await page.evaluate(async () => (await fetch('/api/v1/users')).status);
  expect(r === 403, `the API refuses too (got ${r})`);
});
