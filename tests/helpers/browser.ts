import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`), or CHROMIUM_PATH. No browser is ever downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);

/**
 * Starts headless Chromium for the browser tests. The flags keep it off the
 * network (no background connections, which this machine refuses) and let it
 * run as root.
 *
 * @throws AssertionError naming the install command when Chromium is missing.
 */
export async function launchChromium(): Promise<Browser> {
  assert.ok(HAS_CHROMIUM, `browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Opens `url` (relative to `siteUrl`) in a new page that records into
 * `problems` what a reader would notice: console errors and uncaught
 * errors of the site's own scripts, and failed requests to the site. Images
 * the offline builds link to on news CDNs are not the site's.
 */
export async function openPage(browser: Browser, siteUrl: string, url: string, problems: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.on('console', (message) => {
    const from = message.location().url;
    if (message.type() === 'error' && (from === '' || from.startsWith(siteUrl))) problems.push(`console: ${message.text()} (${from})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.url().startsWith(siteUrl) && response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(new URL(url, siteUrl).href, { waitUntil: 'load' });
  return page;
}
