// Journey: the shared page patterns on the expert pool, as a coordinator uses them —
// every field error at once with its Chinese label; the leave-page guard and the sticky save bar;
// list filters, sort and page in the address, the breadcrumbs' 返回列表 and the back button
// returning to the same place; bulk approval of ticked rows with a report; the readable 修改记录
// and audit log; the home cards; the folded menu and the key columns at 768 px; the print views
// (名单 and 登记表) and a list printed with Ctrl+P checked on the A4 PDF Chromium prints: the shell
// absent, every row there, the reader line and page numbers on the paper.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BASE_URL, expect, personas, run, signIn, waitForText } from './lib.mjs';

const ORG = '模式试点研究院';
const NAMES = ['模式甲', '模式乙', '模式丙'];

// The text and page count of a PDF (poppler-utils).
function pdfText(buffer) {
  const dir = mkdtempSync(path.join(tmpdir(), 'zhiku-pdf-'));
  try {
    const file = path.join(dir, 'page.pdf');
    writeFileSync(file, buffer);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const pages = Number((/Pages:\s+(\d+)/.exec(info) ?? [])[1]);
    const size = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? []).slice(1).map(Number);
    return { text, pages, size };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await run('patterns', async (page) => {
  await signIn(page, personas.coordinator);

  // Home: the coordinator's cards.
  await page.waitForSelector('[data-testid=home-card-expert-queue]');
  await page.waitForSelector('[data-testid=home-card-expert-pool]');

  // ---- field errors: all at once, each named by its label, linked to its field
  await page.goto(`${BASE_URL}/experts/new`);
  await page.fill('[data-testid=expert-name]', NAMES[0]);
  await page.fill('[data-testid=expert-organization]', ORG);
  await page.fill('[data-testid=expert-email]', 'not-an-address');
  await page.fill('[data-testid=expert-phone]', 'abc');
  await page.click('[data-testid=expert-save]');
  await page.waitForSelector('[data-testid=form-errors]');
  const errors = await page.locator('[data-testid=form-error]').allTextContents();
  expect(errors.some((e) => e.startsWith('邮箱：')), `邮箱 is named: ${errors.join(' | ')}`);
  expect(errors.some((e) => e.startsWith('手机：')), `手机 is named: ${errors.join(' | ')}`);
  expect(errors.every((e) => !/[a-z_]+：/.test(e)), `no field is named by its key: ${errors.join(' | ')}`);
  await page.locator('[data-testid=form-error] a:has-text("手机")').click();
  await page.waitForFunction(() => document.activeElement?.closest('[data-field=phone]'));

  // ---- leave guard: unsaved edits ask first; 留在此页 keeps them; the sticky bar says so
  await page.fill('[data-testid=expert-phone]', '');
  await page.waitForSelector('[data-testid=unsaved-hint]');
  await page.click('[data-testid=nav-experts]');
  await page.waitForSelector('.el-message-box');
  await page.click('.el-message-box .el-button:not(.el-button--primary)');
  await page.waitForSelector('.el-message-box', { state: 'hidden' });
  expect(page.url().endsWith('/experts/new'), `still on the form: ${page.url()}`);
  expect((await page.inputValue('[data-testid=expert-name]')) === NAMES[0], 'the edit is kept');
  const bar = await page.locator('[data-testid=sticky-actions]').boundingBox();
  const viewport = page.viewportSize();
  expect(bar && bar.y + bar.height <= viewport.height + 1, `the save bar is in view: ${JSON.stringify(bar)}`);
  await page.fill('[data-testid=expert-email]', '');
  await page.click('[data-testid=expert-save]');
  await page.waitForURL(/\/experts\/\d+$/);
  for (const name of NAMES.slice(1)) {
    await page.goto(`${BASE_URL}/experts/new`);
    await page.fill('[data-testid=expert-name]', name);
    await page.fill('[data-testid=expert-organization]', ORG);
    await page.click('[data-testid=expert-save]');
    await page.waitForURL(/\/experts\/\d+$/);
  }

  // ---- list state in the address (全部: the three are pending)
  await page.goto(`${BASE_URL}/experts?status=all`);
  await page.fill('[data-testid=expert-search]', '模式');
  await page.click('[data-testid=expert-search-submit]');
  await page.waitForURL(/q=%E6%A8%A1%E5%BC%8F|q=模式/);
  await page.click('[data-testid=experts-table] th:has-text("姓名") .caret-wrapper .sort-caret.descending');
  await page.waitForURL(/sort=-name/);
  await page.waitForFunction(() => !document.querySelector('[data-testid=experts-table] .el-loading-mask'));
  const firstRow = async () => (await page.textContent('[data-testid=experts-table] tbody tr:first-child [data-testid=expert-link]')).trim();
  const first = await firstRow();
  const last = (await page.locator('[data-testid=experts-table] tbody tr [data-testid=expert-link]').allTextContents()).at(-1).trim();
  expect(NAMES.includes(first) && first !== last, `sorted: ${first} … ${last}`);
  const listUrl = page.url();
  await page.click(`[data-testid=expert-link]:has-text("${first}")`);
  await page.waitForURL(/\/experts\/\d+$/);
  await waitForText(page, '[data-testid=breadcrumbs]', first);
  await page.click('[data-testid=back-to-list]');
  await page.waitForURL((u) => u.href === listUrl);
  expect((await page.inputValue('[data-testid=expert-search]')) === '模式', 'the search box shows the filter again');
  await page.reload();
  await waitForText(page, '[data-testid=experts-table] tbody tr:first-child', first);
  await page.click(`[data-testid=expert-link]:has-text("${last}")`);
  await page.waitForURL(/\/experts\/\d+$/);
  await page.goBack();
  await page.waitForURL((u) => u.href === listUrl);
  await waitForText(page, '[data-testid=experts-table] tbody tr:first-child', first);

  // ---- bulk actions: tick the three, approve them all, read the report
  for (const name of NAMES) {
    await page.locator(`[data-testid=experts-table] tbody tr:has-text("${name}") .el-checkbox`).click();
  }
  await waitForText(page, '[data-testid=bulk-count]', '已选 3 项');
  await page.click('[data-testid=bulk-approve]');
  await page.click('[data-testid=reason-confirm]');
  await waitForText(page, '[data-testid=bulk-summary]', '3 项均已完成');
  await page.click('[data-testid=bulk-result-close]');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-testid=experts-table] tbody [data-testid=status-active]').length === 3,
  );
  // A second run on rows that no longer allow it: the button says 0 and is off.
  for (const name of NAMES.slice(0, 2)) {
    await page.locator(`[data-testid=experts-table] tbody tr:has-text("${name}") .el-checkbox`).click();
  }
  expect(await page.locator('[data-testid=bulk-approve]').isDisabled(), 'approve is off for active experts');
  await page.click('[data-testid=bulk-suspend]');
  await page.fill('textarea[data-testid=reason-input], [data-testid=reason-input] textarea', '批量暂停测试');
  await page.click('[data-testid=reason-confirm]');
  await waitForText(page, '[data-testid=bulk-summary]', '2 项均已完成');
  await page.click('[data-testid=bulk-result-close]');

  // ---- readable history: Chinese action names and field labels, no keys
  await page.click(`[data-testid=expert-link]:has-text("${NAMES[0]}")`);
  await page.waitForURL(/\/experts\/(\d+)$/);
  const expertId = Number(/\/experts\/(\d+)$/.exec(page.url())[1]);
  await page.click('[data-testid=expert-tabs] .el-tabs__item:has-text("修改记录")');
  await page.waitForURL(/tab=history/);
  await page.waitForSelector('[data-testid=audit-trail-action]');
  const actions = await page.locator('[data-testid=audit-trail-action]').allTextContents();
  for (const a of ['新增专家', '批准入库', '暂停']) expect(actions.includes(a), `history names ${a}: ${actions.join(' | ')}`);
  const trail = await page.textContent('[data-testid=audit-trail]');
  expect(trail.includes('在库') && trail.includes('工作单位'), 'values and fields in words');
  expect(!/\bexpert\.|organization|status/.test(trail), `no keys in the history: ${trail.slice(0, 300)}`);

  // The audit log: the record type picked by name, links to the record.
  await page.goto(`${BASE_URL}/admin/audit?entity_type=expert&entity_id=${expertId}`);
  await page.waitForSelector('[data-testid=audit-action-label]');
  const logged = await page.locator('[data-testid=audit-action-label]').allTextContents();
  expect(logged.includes('批准入库') && logged.every((a) => !a.startsWith('expert.')), `audit actions in words: ${logged.join(' | ')}`);
  await page.locator('[data-testid=audit-record-link]').first().click();
  await page.waitForURL(new RegExp(`/experts/${expertId}$`));

  // ---- print views
  await page.goto(`${BASE_URL}/experts?status=all&q=${encodeURIComponent('模式')}`);
  await page.waitForSelector('[data-testid=expert-link]');
  await page.click('[data-testid=expert-print-list]');
  await page.waitForURL(/\/experts\/print\?.*q=/);
  await page.waitForSelector('[data-testid=print-row]');
  expect((await page.locator('[data-testid=print-row]').count()) === 3, 'the list prints the three experts');
  await waitForText(page, '[data-testid=print-reader]', '打印人：王协调');
  await waitForText(page, '[data-testid=print-reader]', '请求编号：');
  const listPdf = pdfText(await page.pdf({ preferCSSPageSize: true }));
  expect(Math.round(listPdf.size[0]) === 595 && Math.round(listPdf.size[1]) === 842, `A4: ${listPdf.size}`);
  for (const s of ['专家名单', ...NAMES, '打印人：王协调', '第 1 页，共 1 页']) expect(listPdf.text.includes(s), `the PDF has ${s}`);
  expect(!listPdf.text.includes('打印') || !listPdf.text.includes('返回'), 'no toolbar on paper');

  await page.goto(`${BASE_URL}/experts/${expertId}/print`);
  await waitForText(page, '[data-testid=print-expert-name]', NAMES[0]);
  const formPdf = pdfText(await page.pdf({ preferCSSPageSize: true }));
  for (const s of ['专家信息登记表', NAMES[0], ORG, '工作经历', '本人签字']) expect(formPdf.text.includes(s), `the form has ${s}`);

  // Ctrl+P on the list itself: no shell, no filters, no pager; the table whole.
  await page.goto(`${BASE_URL}/experts?status=all&q=${encodeURIComponent('模式')}`);
  await page.waitForSelector('[data-testid=expert-link]');
  await page.emulateMedia({ media: 'print' });
  // What Ctrl+P does before it lays the page out (page.pdf alone does not send it).
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  const shellPdf = pdfText(await page.pdf({ preferCSSPageSize: true }));
  await page.emulateMedia({ media: 'screen' });
  for (const s of ['入库审核', '审计日志', '导出 CSV', '条/页']) expect(!shellPdf.text.includes(s), `no ${s} on paper`);
  for (const s of [...NAMES, ORG, '姓名', '工作单位', '打印人：王协调']) expect(shellPdf.text.includes(s), `the printed list has ${s}`);

  // ---- 768 px: the menu folds to icons, the name and status columns stay in view
  await page.setViewportSize({ width: 768, height: 900 });
  await page.evaluate(() => localStorage.removeItem('zhiku.menuFolded'));
  await page.reload();
  await page.waitForSelector('[data-testid=expert-link]');
  const aside = await page.locator('.shell-aside').boundingBox();
  expect(aside && aside.width <= 64, `the menu is folded: ${JSON.stringify(aside)}`);
  const name = await page.locator('[data-testid=expert-link]').first().boundingBox();
  const status = await page.locator('[data-testid=experts-table] tbody tr:first-child [data-testid^=status-]').boundingBox();
  expect(name && name.x + name.width <= 768, `name in view: ${JSON.stringify(name)}`);
  expect(status && status.x + status.width <= 768, `status in view: ${JSON.stringify(status)}`);
  await page.click('[data-testid=menu-toggle]');
  await page.waitForFunction(() => document.querySelector('.shell-aside')?.getBoundingClientRect().width >= 180);
  await page.setViewportSize({ width: 1366, height: 900 });
});
