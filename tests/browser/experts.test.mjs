// Journey: a coordinator creates an expert, finds them with a two-character Chinese search,
// approves them, and runs the import wizard on a file with bad rows.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE_URL, expect, personas, run, signIn } from './lib.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

await run('experts', async (page) => {
  await signIn(page, personas.coordinator);
  await page.goto(`${BASE_URL}/experts/new`);
  await page.fill('[data-testid=expert-name]', '欧阳明');
  await page.fill('[data-testid=expert-organization]', '同济大学城市规划系');
  await page.fill('[data-testid=expert-email]', 'ouyang@example.cn');
  await page.click('[data-testid=expert-save]');
  await page.waitForURL(/\/experts\/\d+$/);
  await page.waitForSelector('[data-testid=expert-profile]');

  await page.click('[data-testid=transition-approve]');
  await page.fill('[data-testid=reason-input] textarea, textarea[data-testid=reason-input], [data-testid=reason-input]', '材料齐全').catch(() => {});
  await page.click('[data-testid=reason-confirm]');
  await page.waitForSelector('[data-testid=status-active]');

  await page.goto(`${BASE_URL}/experts`);
  await page.fill('[data-testid=expert-search]', '城市');
  await page.click('[data-testid=expert-search-submit]');
  await page.waitForFunction(() => document.querySelector('[data-testid=experts-table]')?.textContent.includes('欧阳明'));
  // The list opens on 在库; each status tab says how many of these matches it would keep.
  await page.waitForSelector('[data-testid=expert-status-tab-active].is-active');
  const tabCount = async (s) => Number(((await page.textContent(`[data-testid=expert-status-tab-${s}]`)).match(/（(\d+)）/) ?? [])[1]);
  const shown = await page.locator('[data-testid=experts-table] [data-testid=status-active]').count();
  const rows = await page.locator('[data-testid=experts-table] tbody tr').count();
  const counted = await tabCount('active');
  expect(counted >= 1 && counted === shown && rows === shown, `在库 tab counts ${counted}, the table shows ${shown} active of ${rows}`);
  const all = await tabCount('all');
  expect(all === counted + (await tabCount('pending')) + (await tabCount('suspended')) + (await tabCount('retired')), '全部 is the sum');
  // The search says where it looked: the text's columns and the fields it named.
  const searched = await page.textContent('[data-testid=expert-searched]');
  expect(searched.includes('城市') && searched.includes('姓名'), `the search says what it searched: ${searched}`);
  await page.click('[data-testid=expert-status-tab-all]');
  await page.waitForURL(/status=all/);
  // 姓氏笔画 is one of the sorts; the address keeps it.
  await page.click('[data-testid=expert-sort]');
  await page.click('[data-testid=expert-sort-name_stroke]');
  await page.waitForURL(/sort=name_stroke/);
  await page.waitForFunction(() => document.querySelector('[data-testid=experts-table]')?.textContent.includes('欧阳明'));

  await page.goto(`${BASE_URL}/experts/import`);
  await page.setInputFiles('[data-testid=import-file] input[type=file], input[type=file]', path.join(fixtures, 'experts_sample.xlsx'));
  const check = page.locator('[data-testid=import-check]');
  if (await check.count()) await check.click();
  await page.waitForSelector('[data-testid=import-errors]');
  const errors = await page.textContent('[data-testid=import-errors]');
  expect(errors.includes('3') && errors.includes('5'), `rows 3 and 5 are reported, got: ${errors.slice(0, 200)}`);
  expect(await page.locator('[data-testid=import-commit]').isDisabled(), 'commit is disabled while there are errors');
});
