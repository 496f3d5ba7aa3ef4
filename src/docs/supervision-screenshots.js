// 督办台 screenshots and page load timings with the demo data, in headless Chromium (not part of the build).
// Usage, with playwright-core installed outside the repository (cd /tmp/pw && npm install playwright-core):
//   NODE_PATH=/tmp/pw/node_modules node src/docs/supervision-screenshots.js http://localhost:8080 src/docs/images [user]
// Prints, per page, the median of 7 loads: time to first byte and time until the load event (ms).
const { chromium } = require('playwright-core');
const base = process.argv[2] || 'http://localhost:18093';
const out = process.argv[3] || '/tmp/dash-pw';
async function session(browser, user) {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  await page.goto(base + '/login');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', 'demo');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  return page;
}
async function timed(page, path) {
  const times = [];
  for (let i = 0; i < 7; i++) {
    await page.goto(base + path, { waitUntil: 'load' });
    times.push(await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { ttfb: Math.round(n.responseStart - n.requestStart), load: Math.round(n.loadEventEnd - n.startTime) };
    }));
  }
  const median = k => times.map(t => t[k]).sort((a, b) => a - b)[3];
  console.log(path, 'ttfb', median('ttfb'), 'ms, load', median('load'), 'ms, all', JSON.stringify(times));
}
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await session(browser, process.argv[4] || 'zhoumin');
  for (const p of ['/dashboard', '/dashboard/items', '/bulletin']) await timed(page, p);
  await page.goto(base + '/dashboard'); await page.waitForTimeout(800);
  await page.screenshot({ path: out + '/supervision-dashboard.png', fullPage: true });
  await page.goto(base + '/dashboard/items?light=RED'); await page.waitForTimeout(300);
  await page.screenshot({ path: out + '/supervision-items.png' });
  await page.goto(base + '/bulletin'); await page.waitForTimeout(300);
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: out + '/supervision-bulletin-print.png', fullPage: true });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
