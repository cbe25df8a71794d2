// Shared by the browser journeys: launch Debian's chromium through playwright-core, sign in,
// compute TOTP codes, and fail loudly with a screenshot.
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '../../web/package.json'));
const { chromium } = require('playwright-core');

export const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
export { personas } from './personas.mjs';

// Browsers still open; run() closes them all, so a journey that fails half-way still exits.
const openBrowsers = new Set();

// A fresh browser (its own profile, so its own cookies): { context, page, close() }.
export async function openBrowser() {
  const profile = mkdtempSync(path.join(tmpdir(), 'zhiku-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    locale: 'zh-CN',
    viewport: { width: 1366, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(10000);
  const close = async () => {
    if (!openBrowsers.delete(close)) return;
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  openBrowsers.add(close);
  return { context, page, close };
}

// Runs `journey(page, context)` in a fresh browser profile; exits non-zero on failure with a
// screenshot. Uncaught errors of any page of the context fail the journey.
export async function run(name, journey) {
  const { context, page } = await openBrowser();
  const errors = [];
  const watch = (p) => p.on('pageerror', (e) => errors.push(String(e)));
  watch(page);
  context.on('page', watch);
  try {
    await journey(page, context);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  } catch (e) {
    const shot = path.join(process.env.SCREENSHOT_DIR ?? tmpdir(), `${name}-failure.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    console.error(`[${name}] ${e.stack ?? e}\n  screenshot: ${shot}`);
    process.exitCode = 1;
  } finally {
    for (const closeOne of [...openBrowsers]) await closeOne();
  }
}

export function expect(cond, message) {
  if (!cond) throw new Error(`expectation failed: ${message}`);
}

// The RFC 6238 time step (30 s) of a time in milliseconds.
export function totpStep(time = Date.now()) {
  return Math.floor(time / 1000 / 30);
}

// RFC 6238 code for a base32 secret, as an authenticator app would show it.
export function totp(secretBase32, time = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(totpStep(time)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const off = mac[mac.length - 1] & 0xf;
  const n = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(n % 1e6).padStart(6, '0');
}

// Every journey signs in from 127.0.0.1, and the server counts failed sign-ins (wrong password,
// disabled account, wrong or reused TOTP/recovery code) per client address for 15 minutes:
// after auth.login_max_failures_per_address (30 by default), any sign-in from the address is
// refused for a while, and after 5 on one account, that account's. The journeys together fail
// 4 times (shell 1, identity_totp 1, identity_users 2): keep deliberate failures few.

// Signs in through the login page and waits to leave it.
export async function signIn(page, persona) {
  await page.goto(`${BASE_URL}/login`);
  await page.fill('[data-testid=login-username]', persona.username);
  await page.fill('[data-testid=login-password]', persona.password);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login') || url.pathname.startsWith('/login/totp'));
}

// A code from a time step after `usedStep`: the server accepts each step's code once, so a
// person signing in again right after enrolling waits for their app to show the next code.
export async function nextTotp(secretBase32, usedStep) {
  while (totpStep() <= usedStep) await new Promise((r) => setTimeout(r, 500));
  return { code: totp(secretBase32), step: totpStep() };
}

// The text of the first element matching `selector`, whitespace collapsed ('' when absent).
export async function textOf(page, selector) {
  const t = await page.locator(selector).first().textContent({ timeout: 5000 }).catch(() => null);
  return (t ?? '').replace(/\s+/g, ' ').trim();
}

// Waits until `selector` shows text containing `wanted`, and returns that text.
export async function waitForText(page, selector, wanted, timeout = 10000) {
  await page.waitForFunction(
    ([sel, w]) => [...document.querySelectorAll(sel)].some((e) => e.textContent.includes(w)),
    [selector, wanted], { timeout },
  ).catch(async () => {
    throw new Error(`"${wanted}" did not appear in ${selector}; it shows "${await textOf(page, selector)}"`);
  });
  return textOf(page, selector);
}

// Answers the open confirmation box with its "确定" button and waits for it to close.
export async function confirmBox(page) {
  const box = page.locator('.el-message-box');
  await box.getByRole('button', { name: '确定' }).click();
  await box.waitFor({ state: 'hidden' });
}

// Signs out through the user menu.
export async function signOut(page) {
  await page.click('[data-testid=user-menu]');
  await page.click('[data-testid=logout]');
  await page.waitForURL('**/login**');
}

// On the two-factor page the enrolment leads to: starts enrolment, reads the secret as a person
// would type it into an authenticator app, confirms with the current code and reads the recovery
// codes. Returns { secret, step, recoveryCodes }; the recovery-code dialog is left open.
export async function enrolTotp(page) {
  await page.click('[data-testid=totp-setup]');
  await page.waitForSelector('[data-testid=totp-qr]');
  const secret = (await page.textContent('[data-testid=totp-secret]')).replace(/\s+/g, '');
  expect(/^[A-Z2-7]{16,}$/.test(secret), `a Base32 secret is shown, got "${secret}"`);
  const now = Date.now();
  const step = totpStep(now);
  await page.fill('[data-testid=totp-enable-code]', totp(secret, now));
  await page.click('[data-testid=totp-enable]');
  await page.waitForSelector('[data-testid=one-time-secret]');
  const recoveryCodes = (await page.textContent('[data-testid=secret-value]')).split('\n').map((c) => c.trim()).filter(Boolean);
  return { secret, step, recoveryCodes };
}

// Signs in a persona who must enrol TOTP (admins, leaders) for the first time and enrols;
// ends on the home page. Returns what enrolTotp returns.
export async function signInEnrolling(page, persona) {
  await signIn(page, persona);
  await page.waitForURL('**/account/security');
  const enrolled = await enrolTotp(page);
  await page.click('[data-testid=secret-done]');
  await page.waitForSelector('[data-testid=home-greeting]');
  return enrolled;
}
