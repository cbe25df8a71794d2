// Journey: the remaining screens load for the roles that use them, from the navigation: the
// public application form, an expert's own profile and conflicts, a coordinator's queue,
// fields, pools and audit log, and everyone's account page.
import { BASE_URL, expect, personas, run, signIn } from './lib.mjs';

await run('pages', async (page) => {
  await page.goto(`${BASE_URL}/apply`);
  await page.fill('[data-testid=apply-name]', '司马青');
  await page.fill('[data-testid=apply-organization]', '复旦大学公共卫生学院');
  await page.fill('[data-testid=apply-email]', 'sima@example.cn');
  // Without the consent line ticked the form says so and sends nothing that passes.
  await page.click('[data-testid=apply-submit]');
  await page.waitForSelector('[data-testid=apply-consent-error]');
  await page.click('[data-testid=apply-consent]');
  await page.click('[data-testid=apply-submit]');
  await page.waitForSelector('[data-testid=apply-success]');
  const receipt = (await page.textContent('[data-testid=apply-receipt]')).trim();
  expect(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/.test(receipt), `receipt number ${receipt}`);
  // The applicant looks the answer up by the number, typed in lower case.
  await page.click('[data-testid=apply-status-link]');
  await page.fill('[data-testid=status-receipt]', receipt.toLowerCase());
  await page.click('[data-testid=status-lookup]');
  await page.waitForSelector('[data-testid=status-result]');
  expect((await page.textContent('[data-testid=status-state]')).includes('待审核'), 'status shows 待审核');
  expect(!page.url().toLowerCase().includes(receipt.toLowerCase()), 'the receipt stays out of the address');

  await signIn(page, personas.coordinator);
  for (const [nav, marker] of [['nav-queue', 'queue-table'], ['nav-fields', 'field-tree'],
    ['nav-pools', 'pools-table'], ['nav-audit', 'audit-table'], ['nav-account', 'account-profile']]) {
    await page.click(`[data-testid=${nav}]`);
    await page.waitForSelector(`[data-testid=${marker}]`);
  }
  await page.click('[data-testid=nav-queue]');
  await page.waitForFunction(() => document.querySelector('[data-testid=queue-table]')?.textContent.includes('司马青'));
  await page.click('[data-testid=user-menu]');
  await page.click('[data-testid=logout]');
  await page.waitForURL('**/login**');

  await signIn(page, personas.expert);
  await page.click('[data-testid=nav-my-profile]');
  await page.waitForURL('**/me/profile');
  await page.click('[data-testid=nav-my-conflicts]');
  await page.waitForURL('**/me/conflicts');
  const text = await page.textContent('body');
  expect(text.length > 0, 'my conflicts page renders');
});
