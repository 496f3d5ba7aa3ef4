// Item page screenshot and load time with the demo data, in headless Chromium (not part of the build).
// Usage: NODE_PATH=/tmp/pw/node_modules node src/docs/item-screenshot.js http://localhost:8080 src/docs/images/item-page.png DB2026-0009
const { chromium } = require('playwright-core');
const base = process.argv[2], out = process.argv[3], code = process.argv[4];
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  await page.goto(base + '/login');
  await page.fill('input[name=username]', 'zhoumin');
  await page.fill('input[name=password]', 'demo');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  const times = [];
  for (let i = 0; i < 7; i++) {
    await page.goto(base + '/items/' + code, { waitUntil: 'load' });
    times.push(await page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return Math.round(n.loadEventEnd - n.startTime); }));
  }
  console.log('item page load ms', times.sort((a, b) => a - b)[3], JSON.stringify(times));
  await page.screenshot({ path: out, fullPage: true });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
