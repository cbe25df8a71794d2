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

// Runs `journey(page)` in a fresh browser profile; exits non-zero on failure with a screenshot.
export async function run(name, journey) {
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
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await journey(page, context);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  } catch (e) {
    const shot = path.join(process.env.SCREENSHOT_DIR ?? tmpdir(), `${name}-failure.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => {});
    console.error(`[${name}] ${e.stack ?? e}\n  screenshot: ${shot}`);
    process.exitCode = 1;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export function expect(cond, message) {
  if (!cond) throw new Error(`expectation failed: ${message}`);
}

// RFC 6238 code for a base32 secret, as an authenticator app would show it.
export function totp(secretBase32, time = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secretBase32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const off = mac[mac.length - 1] & 0xf;
  const n = ((mac[off] & 0x7f) << 24) | (mac[off + 1] << 16) | (mac[off + 2] << 8) | mac[off + 3];
  return String(n % 1e6).padStart(6, '0');
}

// Signs in through the login page and waits to leave it.
export async function signIn(page, persona) {
  await page.goto(`${BASE_URL}/login`);
  await page.fill('[data-testid=login-username]', persona.username);
  await page.fill('[data-testid=login-password]', persona.password);
  await page.click('[data-testid=login-submit]');
  await page.waitForURL((url) => !url.pathname.startsWith('/login') || url.pathname.startsWith('/login/totp'));
}
