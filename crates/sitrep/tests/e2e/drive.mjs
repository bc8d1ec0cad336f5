// End-to-end check of the sitrep page in headless Chromium (playwright-core,
// installed by `npm ci` in scripts/web). Usage:
//   node drive.mjs URL OUT_DIR
// Exits non-zero with a message on the first failed check; writes screenshots
// to OUT_DIR. The page must load nothing from outside the server.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);
const modules = process.env.SITREP_NODE_MODULES || path.resolve(here, '../../../../scripts/web/node_modules');
const { chromium } = require(path.join(modules, 'playwright-core'));

const [url, outDir] = process.argv.slice(2);
if (!url || !outDir) {
  console.error('usage: node drive.mjs URL OUT_DIR');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });
const origin = new URL(url).origin;
const problems = [];
const fail = (msg) => { throw new Error(msg); };
const check = (cond, msg) => { if (!cond) fail(msg); console.log('ok - ' + msg); };

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-e2e-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1440, height: 900 },
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
  page.on('requestfailed', (r) => problems.push('request failed: ' + r.url()));
  page.on('dialog', (d) => { problems.push('dialog opened: ' + d.message()); d.dismiss(); });

  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
  console.log(`ok - page ready in ${Date.now() - t0} ms`);
  await page.waitForFunction(() => document.querySelectorAll('.incident-marker, .cluster').length > 0, null, { timeout: 10000 });
  const markers = await page.$$eval('.incident-marker, .cluster', (e) => e.length);
  check(markers > 0, `markers appear on the map (${markers})`);
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(outDir, 'map.png') });

  const rows = () => page.$$eval('#list li[data-id]', (e) => e.length);
  const before = await rows();
  check(before >= 5, `the list shows the incidents (${before})`);
  await page.fill('#f-text', 'dock workers');
  await page.waitForFunction((n) => {
    const k = document.querySelectorAll('#list li[data-id]').length;
    return k > 0 && k < n;
  }, before, { timeout: 5000 });
  const after = await rows();
  check(after < before && after >= 1, `a text filter narrows the list (${before} -> ${after})`);
  check(new URL(page.url()).searchParams.get('text') === 'dock workers', 'the URL keeps the filter');

  // The hostile article: its markup must show as text and never run.
  await page.click('#list li[data-id]');
  await page.waitForSelector('#detail mark.evidence', { timeout: 5000 });
  const evidence = await page.$eval('#detail mark.evidence', (e) => e.textContent);
  check(evidence.includes('<img src=x onerror='), 'the detail shows the evidence, markup as text');
  const detailText = await page.$eval('#detail', (e) => e.textContent);
  check(detailText.includes("javascript:window.__pwned='url'"), 'a javascript: URL is shown as text');
  check(await page.$$eval('#detail img, #detail script, #detail b, #detail i', (e) => e.length) === 0, 'no element was created from article text');
  check(await page.$$eval('a[href^="javascript:"]', (e) => e.length) === 0, 'no javascript: link in the page');
  await page.screenshot({ path: path.join(outDir, 'detail-hostile.png') });

  // An incident with two sources and competing claims.
  await page.click('#detail-back');
  await page.fill('#f-text', '');
  await page.fill('#f-place', 'Kyiv');
  // Wait for the debounced filter to apply (the URL changes first, then the list).
  await page.waitForFunction(() => {
    const li = document.querySelectorAll('#list li[data-id]');
    return new URLSearchParams(location.search).get('place') === 'Kyiv' && li.length === 1 && li[0].textContent.includes('Kyiv');
  }, null, { timeout: 5000 });
  check(true, 'the place filter narrows the list and is kept in the URL');
  await page.click('#list li[data-id]');
  await page.waitForSelector('#detail .claim', { timeout: 5000 });
  const claims = await page.$$eval('#detail .claim', (e) => e.length);
  const sources = await page.$$eval('#detail .source', (e) => e.length);
  check(claims >= 2 && sources >= 2, `competing claims side by side (${claims} claims, ${sources} sources)`);
  check(await page.$$eval('#detail .source mark.evidence', (e) => e.every((m) => m.textContent.length > 10)), 'every source has its evidence highlighted');
  await page.screenshot({ path: path.join(outDir, 'detail.png') });

  // A shared link restores the state.
  const shared = page.url();
  const page2 = await context.newPage();
  page2.on('pageerror', (e) => problems.push('page error: ' + e.message));
  await page2.goto(shared, { waitUntil: 'load' });
  await page2.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
  await page2.waitForSelector('#detail .claim', { timeout: 5000 });
  check((await page2.inputValue('#f-place')) === 'Kyiv', 'a shared link restores filters and the open incident');
  await page2.close();

  // Timeline brush: drag over the right part of the timeline.
  await page.click('#detail-back');
  await page.click('#f-clear');
  await page.waitForFunction((n) => document.querySelectorAll('#list li[data-id]').length === n, before, { timeout: 5000 });
  const box = await page.locator('#timeline').boundingBox();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.99, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction((n) => {
    const k = document.querySelectorAll('#list li[data-id]').length;
    return k > 0 && k < n;
  }, before, { timeout: 5000 });
  const since = new URL(page.url()).searchParams.get('since');
  check(!!since, `the timeline brush filters the map and the list (since ${since}, ${await rows()} rows)`);
  await page.screenshot({ path: path.join(outDir, 'brush.png') });

  // Statements feed, with the hostile statement as text.
  await page.click('#tab-statements');
  await page.waitForSelector('#statements li .speaker', { timeout: 5000 });
  const st = await page.$$eval('#statements li', (e) => e.map((x) => x.textContent));
  check(st.some((t) => t.includes('<b onmouseover=')), 'the statements feed shows markup as text');
  check(await page.$$eval('#statements b', (e) => e.length) === 0, 'no element was created from a statement');
  await page.screenshot({ path: path.join(outDir, 'statements.png') });

  // Daily briefing: every line cites its sources.
  await page.click('#tab-briefing');
  await page.waitForSelector('#briefing li sup a', { timeout: 5000 });
  const uncited = await page.$$eval('#briefing ul > li', (e) => e.filter((li) => !li.querySelector('sup a')).length);
  check(uncited === 0, 'every briefing line carries a citation');
  await page.screenshot({ path: path.join(outDir, 'briefing.png'), fullPage: true });

  // Place precision: region- and country-level incidents say so in the list
  // and the detail (and are drawn as dashed rings, not as a town's dot).
  await page.click('#tab-map');
  await page.waitForFunction(() => document.querySelectorAll('#list li[data-id]').length > 0, null, { timeout: 5000 });
  const notes = await page.$$eval('#list .precision', (e) => e.map((x) => x.textContent));
  check(notes.includes('region-level') && notes.includes('country-level'), `the list marks region- and country-level places (${notes.join(', ')})`);
  const regionRow = await page.$('#list li[data-id]:has(.precision)');
  await regionRow.click();
  await page.waitForSelector('#detail .facts', { timeout: 5000 });
  const placeFact = await page.$eval('#detail .facts', (e) => e.textContent);
  check(/(region|country)-level: no town given/.test(placeFact), 'the detail says only the region or country is known');
  const heading = await page.$eval('#detail h3', (e) => e.textContent);
  check(heading !== 'Competing claims', `one source is not "competing claims" (${heading})`);
  await page.click('#detail-back');
  const summary = await page.$eval('#summary', (e) => e.textContent);
  check(!/\b1 (incidents|articles|statements)\b/.test(summary), `counts take the singular (${summary})`);

  // Phone widths: no horizontal scrollbar, every tab on screen, the legend
  // folded so it does not cover the map; screenshots for a look.
  for (const width of [360, 400]) {
    const phone = await context.newPage();
    phone.on('pageerror', (e) => problems.push('page error: ' + e.message));
    await phone.setViewportSize({ width, height: 760 });
    await phone.goto(url, { waitUntil: 'load' });
    await phone.waitForSelector('body[data-ready="1"]', { timeout: 20000 });
    await phone.waitForTimeout(300);
    const m = await phone.evaluate(() => {
      const r = (el) => el.getBoundingClientRect();
      const map = r(document.getElementById('map'));
      const legend = r(document.getElementById('legend'));
      return {
        scroll: document.documentElement.scrollWidth, inner: window.innerWidth,
        tabs: [...document.querySelectorAll('.tab')].map((t) => ({ l: r(t).left, r: r(t).right, clipped: t.scrollWidth > t.clientWidth + 1 })),
        legendShare: (legend.width * legend.height) / Math.max(1, map.width * map.height),
        wide: [...document.querySelectorAll('body *')].filter((e) => r(e).right > window.innerWidth + 1 && r(e).width > 0 && !e.closest('#map')).map((e) => e.id || e.className || e.tagName).slice(0, 5),
      };
    });
    check(m.scroll <= m.inner, `${width} px: no horizontal scrollbar (page ${m.scroll} px wide)`);
    check(m.wide.length === 0, `${width} px: nothing sticks out of the screen (${m.wide.join(', ')})`);
    check(m.tabs.length === 3 && m.tabs.every((t) => t.l >= 0 && t.r <= m.inner && !t.clipped), `${width} px: the three tabs fit`);
    check(m.legendShare < 0.08, `${width} px: the legend covers ${(100 * m.legendShare).toFixed(1)}% of the map`);
    await phone.screenshot({ path: path.join(outDir, `phone-${width}.png`) });
    await phone.click('#tab-briefing');
    await phone.waitForSelector('#briefing li', { timeout: 5000 });
    const bw = await phone.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    check(bw, `${width} px: the briefing fits the screen`);
    await phone.screenshot({ path: path.join(outDir, `phone-${width}-briefing.png`) });
    await phone.close();
  }

  const pwned = await page.evaluate(() => [window.__pwned, document.title]);
  check(pwned[0] === undefined && pwned[1] !== 'PWNED', 'nothing from the hostile article ran');
  check(problems.length === 0, 'no console errors, failed or outside requests' + (problems.length ? ':\n  ' + problems.join('\n  ') : ''));
} catch (e) {
  console.error('not ok - ' + e.message);
  if (problems.length) console.error('  ' + problems.join('\n  '));
  code = 1;
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
process.exit(code);
