// The page shows incidents stored after it loaded, without a reload
// (`sitrep serve --watch`). Usage: node live.mjs URL OUT_DIR
// Prints "READY n" once the page shows n incidents; the test then publishes
// a new feed item, and this waits for it to appear in the list.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const modules = process.env.SITREP_NODE_MODULES || path.resolve(here, '../../../../scripts/web/node_modules');
const { chromium } = require(path.join(modules, 'playwright-core'));

const [url, outDir] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });
const origin = new URL(url).origin;
const problems = [];
const check = (cond, msg) => { if (!cond) throw new Error(msg); console.log('ok - ' + msg); };

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-live-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 800 },
});
let code = 0;
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') problems.push('console error: ' + m.text()); });
  page.on('pageerror', (e) => problems.push('page error: ' + e.message));
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:')) problems.push('request outside the server: ' + u);
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
  await page.evaluate(() => { window.__sameDocument = 'yes'; });
  const rows = () => page.$$eval('#list li[data-id]', (e) => e.length);
  const before = await rows();
  check(before >= 1, `the list shows the stored incident (${before})`);
  const summary = await page.$eval('#summary', (e) => e.textContent);
  check(summary.includes('1 watched source'), `the summary names the watched source (${summary})`);
  console.log('READY ' + before);
  await page.waitForFunction((n) => document.querySelectorAll('#list li[data-id]').length > n, before, { timeout: 90000 });
  check(await page.evaluate(() => window.__sameDocument) === 'yes', 'the new incident appeared without a reload');
  const after = await page.$eval('#summary', (e) => e.textContent);
  check(/\d+ new/.test(after), `the summary says what is new (${after})`);
  const listText = await page.$eval('#list', (e) => e.textContent);
  check(listText.includes('Odesa'), 'the new incident is in the list');
  await page.screenshot({ path: path.join(outDir, 'live.png') });
  check(problems.length === 0, 'no console errors or outside requests' + (problems.length ? ':\n  ' + problems.join('\n  ') : ''));
} catch (e) {
  console.error('not ok - ' + e.message);
  code = 1;
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(code);
