/**
 * Debian's Chromium driven by playwright-core: headless, no sandbox (the tests run as root), and none of its
 * background calls to Google (without those flags it tries to reach the internet and stalls).
 */
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** playwright-core adds the headless switch itself (`headless: true`). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long Chromium may take to start (default 60 s: a loaded 2-core machine). */
const LAUNCH_TIMEOUT_MS = 60_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: LAUNCH_TIMEOUT_MS,
  });
}

/**
 * What went wrong in a page's own script, collected as it happens: uncaught errors and `console.error` lines.
 * Files from other hosts that failed to load are left out: the test machines have no internet, and WordPress
 * links to some (Gravatar's avatars in the admin bar).
 */
export function collectPageErrors(page: Page, ownOrigin: string): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const source = message.location().url;
    if (message.text().startsWith('Failed to load resource') && !source.startsWith(ownOrigin)) return;
    errors.push(`console.error: ${message.text()} (${source})`);
  });
  return errors;
}
