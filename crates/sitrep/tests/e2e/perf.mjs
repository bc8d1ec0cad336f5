// Page responsiveness on a large store (manual check; see scripts/e2e.sh --perf):
//   node perf.mjs URL OUT_DIR
// Prints the time to a ready page, to markers on the map, the longest main-thread
// task while loading, and the time for a type filter to update the list and map.
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
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-perf-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1440, height: 900 },
});
const page = context.pages()[0] || await context.newPage();
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
await page.addInitScript(() => {
  window.__longest = 0;
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longest = Math.max(window.__longest, e.duration); })
    .observe({ type: 'longtask', buffered: true });
});
const t0 = Date.now();
await page.goto(url, { waitUntil: 'load' });
await page.waitForSelector('body[data-ready="1"]', { timeout: 60000 });
const ready = Date.now() - t0;
await page.waitForFunction(() => document.querySelectorAll('.incident-marker, .cluster').length > 0, null, { timeout: 60000 });
const markers = Date.now() - t0;
const points = await page.$eval('#map', (e) => e.dataset.points);
const longest = await page.evaluate(() => window.__longest);
await page.screenshot({ path: path.join(outDir, 'perf-50k.png') });
const before = await page.$eval('#list-count', (e) => e.textContent);
const t1 = Date.now();
await page.selectOption('#f-type', 'Battles');
await page.waitForFunction((b) => document.querySelector('#list-count').textContent !== b, before, { timeout: 60000 });
const filtered = Date.now() - t1;
await page.waitForTimeout(1500);
const longestAfter = await page.evaluate(() => window.__longest);
console.log(JSON.stringify({ points: Number(points), ready_ms: ready, markers_ms: markers, longest_task_ms_load: Math.round(longest),
  filter_to_list_ms: filtered, longest_task_ms_total: Math.round(longestAfter), errors }));
await context.close();
fs.rmSync(userDataDir, { recursive: true, force: true });
process.exit(errors.length ? 1 : 0);
