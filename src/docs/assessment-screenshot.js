// 考核 page screenshot with the demo data, in headless Chromium (not part of the build).
// Usage, with playwright-core installed outside the repository (cd /tmp/pw && npm install playwright-core):
//   NODE_PATH=/tmp/pw/node_modules node src/docs/assessment-screenshot.js http://localhost:8080 src/docs/images [period]
const { chromium } = require('playwright-core');
const base = process.argv[2] || 'http://localhost:8080';
const out = process.argv[3] || '/tmp';
const period = process.argv[4] || '2026-Q4';
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  await page.goto(base + '/login');
  await page.fill('input[name=username]', 'zhoumin');
  await page.fill('input[name=password]', 'demo');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  await page.goto(base + '/assessment?period=' + period, { waitUntil: 'load' });
  await page.waitForTimeout(1200); // the chart's animation
  await page.screenshot({ path: out + '/assessment.png' });
  await page.screenshot({ path: out + '/assessment-full.png', fullPage: true });
  await browser.close();
})().catch(e => { console.error(e); process.exit(1); });
