import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { testApp } from '../helpers/app.js';
import { scriptShare } from '../helpers/script.js';

/** Debian's Chromium, installed by .ci/run; never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  const why = `Chromium not found at ${CHROMIUM} (install it with: apt-get install -y chromium)`;
  // Under CI a missing browser is a failure, never a skip.
  if (process.env.CI === 'true') throw new Error(`Browser tests cannot run: ${why}`);
  console.warn(`Browser tests SKIPPED: ${why}`);
}
const suite = available ? describe : describe.skip;

suite('the web chat in Chromium, on a phone-sized screen', () => {
  let app: Awaited<ReturnType<typeof testApp>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    app = await testApp();
    const base = await app.listen(0, '127.0.0.1');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
    });
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'de-DE' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await page.getByRole('button', { name: 'فارسی / دری' }).first().waitFor({ timeout: 20_000 });
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.dispose();
  });

  test('pick Farsi: the transcript turns right-to-left and the answer is Persian text', async () => {
    await page.selectOption('#language', 'fa');
    await page.getByRole('button', { name: 'Krefeld' }).last().click({ timeout: 10_000 });
    const clothing = page.getByRole('button', { name: /👕/ }).last();
    await clothing.click({ timeout: 10_000 });
    await page.getByText('Philadelphiastraße').last().waitFor({ timeout: 10_000 });

    const result = await page.evaluate(() => {
      const transcript = document.querySelector('.webchat__basic-transcript') ?? document.querySelector('[role="log"]');
      const bubbles = [...document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content')];
      return {
        htmlDir: document.documentElement.dir,
        lang: document.documentElement.lang,
        transcriptDirection: transcript ? getComputedStyle(transcript).direction : 'none',
        lastAnswer: bubbles.at(-1)?.textContent ?? '',
        picker: (document.getElementById('language') as HTMLSelectElement).value,
        fitsWidth: document.documentElement.scrollWidth <= window.innerWidth
      };
    });
    mkdirSync('test-artifacts', { recursive: true });
    await page.screenshot({ path: 'test-artifacts/webchat-fa.png', fullPage: false });

    expect(result).toEqual(expect.objectContaining({ htmlDir: 'rtl', lang: 'fa', transcriptDirection: 'rtl', picker: 'fa', fitsWidth: true }));
    expect(scriptShare(result.lastAnswer, 'fa')).toBeGreaterThan(0.5);
    expect(result.lastAnswer).toMatch(/[پچژگی]/); // Persian letters, not just Arabic script
  });
});
