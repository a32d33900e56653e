import 'reflect-metadata';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchChromium } from './support/chromium.js';
import { type ConsoleSample, startConsoleSample } from './support/console-sample.js';
import { Cleanup } from './support/hsms-test-kit.js';

// The console in a real browser (Debian's Chromium, headless) against the running sample and its
// three simulated tools. CONSOLE_SCREENSHOT=path also saves a screenshot for the README
// (npm run screenshot:console).
const WAIT = { timeout: 15_000 };

/** Runs in the page (a function, not a string: the console's CSP forbids eval, as it should). */
function moreEntriesThan(n: number): boolean {
  const doc = (globalThis as unknown as { document: { querySelectorAll(selector: string): { length: number } } }).document;
  return doc.querySelectorAll('#trace .entry').length > n;
}

// A missing browser is a failure, counted as one, never a silent skip (.ci/run installs it).
describe('the browser for the console test', () => {
  it(`is Debian's Chromium at ${CHROMIUM_PATH}`, () => {
    expect(existsSync(CHROMIUM_PATH), `${CHROMIUM_PATH} is missing: apt-get update && apt-get install -y chromium (.ci/run does it)`).toBe(
      true,
    );
  });
});

describe('the web console in Chromium', () => {
  const cleanup = new Cleanup();
  let sample: ConsoleSample;
  let page: Page;

  beforeAll(async () => {
    sample = await startConsoleSample(cleanup);
    const browser = await launchChromium();
    cleanup.add(browser, (b) => b.close());
    page = await browser.context.newPage();
    // the token comes in the URL's fragment, as the sample prints it; the page keeps it for the tab
    await page.goto(`${sample.url}#token=${sample.token}`);
  }, 60_000);
  afterAll(() => cleanup.run(), 30_000);

  const stateOf = (peer: string): Promise<string> =>
    page
      .locator(`#peers tbody tr[data-peer="${peer}"] td.state`)
      .textContent()
      .then((text) => text ?? '');
  const traceEntries = (): Promise<Array<{ peer: string; sf: string; dir: string }>> =>
    page.$$eval('#trace .entry', (nodes) =>
      nodes.map((n) => ({
        peer: n.getAttribute('data-peer') ?? '',
        sf: n.getAttribute('data-sf') ?? '',
        dir: n.getAttribute('data-dir') ?? '',
      })),
    );

  it('shows the three tools becoming SELECTED', async () => {
    for (const peer of ['etcher-1', 'litho-1', 'metrology-1']) {
      await page.locator(`#peers tbody tr[data-peer="${peer}"] td.state`, { hasText: /^SELECTED$/ }).waitFor(WAIT);
      expect(await stateOf(peer)).toBe('SELECTED');
    }
    await page.locator('#peers tbody tr[data-peer="etcher-1"] td', { hasText: 'COMMUNICATING' }).waitFor(WAIT);
    await page.locator('#link-status', { hasText: 'live' }).waitFor(WAIT);
  }, 30_000);

  it('streams the trace live and filters it by peer, SxFy and direction', async () => {
    await page.selectOption('#filter-peer', 'etcher-1');
    await page.fill('#filter-sf', 'S6F11');
    await page.selectOption('#filter-dir', 'in');
    const before = (await traceEntries()).length;
    // new S6F11s keep arriving every 0.4 s: wait for more than were there
    await page.waitForFunction(moreEntriesThan, before, WAIT);
    const shown = await traceEntries();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((e) => e.peer === 'etcher-1' && e.sf === 'S6F11' && e.dir === 'in')).toBe(true);
    await page.locator('#trace .entry pre', { hasText: '<U4 [1] 100>' }).first().waitFor(WAIT); // CEID 100 in the SML
  }, 30_000);

  it('holds what comes in while paused and shows it on resume', async () => {
    await page.click('#pause');
    const paused = (await traceEntries()).length;
    await page.locator('#trace-pending', { hasText: /paused: [1-9]\d* new/ }).waitFor(WAIT);
    expect((await traceEntries()).length).toBe(paused); // nothing added to the view while paused
    await page.click('#pause');
    await page.waitForFunction(moreEntriesThan, paused, WAIT);
  }, 30_000);

  it('sends S1F1 W to a tool and shows its S1F2, also in the trace', async () => {
    await page.selectOption('#send-peer', 'etcher-1');
    await page.fill('#send-sml', 'S1F1 W\n.');
    await page.click('#send-button');
    await page.locator('#send-reply', { hasText: 'S1F2' }).waitFor(WAIT);
    expect(await page.locator('#send-reply').textContent()).toContain('<A "SIMTOOL">');
    expect(await page.locator('#send-status').textContent()).toBe('reply S1F2');

    await page.fill('#filter-sf', 'S1F1, S1F2');
    await page.selectOption('#filter-dir', '');
    await page.locator('#trace .entry[data-sf="S1F2"][data-dir="in"]').first().waitFor(WAIT);
    await page.locator('#trace .entry[data-sf="S1F1"][data-dir="out"]').first().waitFor(WAIT);
  }, 30_000);

  it('shows the named error for bad SML, with its line and column', async () => {
    await page.fill('#send-sml', 'S1F3 W\n<L\n  <Q 1>\n>\n.');
    await page.click('#send-button');
    await page.locator('#send-reply.error', { hasText: 'SmlParseError' }).waitFor(WAIT);
    expect(await page.locator('#send-reply').textContent()).toContain('line 3, column 4');
  }, 30_000);

  it("shows the GEM peer's subscribed events with their last reports, and reads its status variables", async () => {
    await page.click('#peers tbody tr[data-peer="etcher-1"]');
    await page.locator('#gem td', { hasText: /^100$/ }).waitFor(WAIT);
    await page.click('#gem-read-svs');
    await page.locator('#gem td', { hasText: 'ChamberTemperature' }).waitFor(WAIT);
    const shot = process.env['CONSOLE_SCREENSHOT'];
    if (shot !== undefined) {
      // a view a reader can follow: every peer, etcher-1's stream 6 conversation
      await page.fill('#filter-sf', '');
      await page.selectOption('#filter-peer', '');
      await page.fill('#send-sml', 'S1F1 W\n.');
      await page.click('#send-button');
      await page.locator('#send-reply', { hasText: 'S1F2' }).waitFor(WAIT);
      const path = resolve(shot);
      mkdirSync(dirname(path), { recursive: true });
      await page.screenshot({ path, fullPage: false });
    }
  }, 30_000);
});
