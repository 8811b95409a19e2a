/**
 * The WordPress plugin and its admin UI end to end, in a real WordPress (Debian's 6.1 on PHP's built-in server and
 * MariaDB) and a real browser (Debian's Chromium through playwright-core), beside a real sidecar with the NetSuite
 * and WooCommerce simulators: log in, pair through the plugin's form, see an order held for an unmapped SKU in the
 * dashboard widget, map the SKU there with the live NetSuite item picker, and watch the sales order reach NetSuite;
 * save a store setting on the Mappings screen and test the NetSuite connection from the Connection screen.
 * Every screen is saved as a full-page screenshot under test-artifacts/wordpress/ (git-ignored).
 *
 * WooCommerce itself is a must-use stand-in (test/support/wordpress/woocommerce-stand-in.php): the capability and
 * the menu. The store's NetSuite account and connection are made through the sidecar's API, as Connect in one click
 * needs the real WooCommerce; the order's webhook comes from the WooCommerce simulator, signed with its secret.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../simulators/woocommerce/test-support.ts';
import { ensureDebianPackages, missingDebianPackages } from '../support/debian-packages.ts';
import { deliverQueued, type EndToEnd, placePaidOrder, settledJobs, startEndToEnd } from '../support/e2e-harness.ts';
import { recordsOf } from '../support/netsuite-books.ts';
import { collectPageErrors, launchChromium } from '../support/wordpress/browser.ts';
import { startWordPressSite, type WordPressSite } from '../support/wordpress/wordpress-site.ts';

const PACKAGES = ['php-cli', 'php-mysql', 'php-curl', 'php-xml', 'php-mbstring', 'wordpress', 'chromium'];
const repo = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
const SCREENSHOTS = repo('test-artifacts/wordpress');
/** The seeded NetSuite item no SKU mapping points at yet (test/support/e2e-harness.ts). */
const UNMAPPED_SKU = 'POSTER-A2';
/** How long a screen may take to show what it loaded through WordPress and the sidecar (default 20 s). */
const SCREEN_MS = 20_000;
/** Installing the packages (first run on a fresh machine) takes minutes; starting everything, seconds. */
const SETUP_MS = missingDebianPackages(PACKAGES).length > 0 ? 20 * 60_000 : 120_000;

describe('WordPress admin end to end: pairing, dashboard widget, NetSuite page', () => {
  let world: EndToEnd | undefined;
  let site: WordPressSite | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];
  let order: Json;

  beforeAll(async () => {
    ensureDebianPackages(PACKAGES);
    if (!existsSync(repo('plugin/build/index.asset.php')) || !existsSync(repo('plugin/build/dashboard-widget.js'))) {
      throw new Error('The admin UI is not built: run `npm run build:admin-ui` (npm test does) before this test.');
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    const started = await Promise.allSettled([
      startEndToEnd('pglite'),
      startWordPressSite({
        plugin: { slug: 'ml-connector', dir: repo('plugin'), mainFile: 'ml-connector/ml-connector.php' },
        muPlugins: [repo('test/support/wordpress/woocommerce-stand-in.php')],
      }),
      launchChromium(),
    ]);
    const [worldResult, siteResult, browserResult] = started;
    world = worldResult.status === 'fulfilled' ? worldResult.value : undefined;
    site = siteResult.status === 'fulfilled' ? siteResult.value : undefined;
    browser = browserResult.status === 'fulfilled' ? browserResult.value : undefined;
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;

    context = await (browser as Browser).newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(SCREEN_MS);
    page = await context.newPage();
    pageErrors = collectPageErrors(page, (site as WordPressSite).url);
  }, SETUP_MS);

  afterAll(async () => {
    // Each part is stopped even when another fails to; the first failure is reported.
    const stopped = await Promise.allSettled([browser?.close(), site?.close(), world?.close()]);
    const failed = stopped.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }, 60_000);

  const wp = (path: string) => `${site?.url}${path}`;
  const screenshot = (name: string) => page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
  const widget = () => page.locator('#ml_connector_held_orders');
  /** The tab's panel once it shows something other than "Loading…". */
  const openTab = async (name: string): Promise<Locator> => {
    await page.getByRole('tab', { name, exact: true }).click();
    const panel = page.getByRole('tabpanel');
    await panel.waitFor();
    await panel.locator('.mlc-loading').first().waitFor({ state: 'detached' });
    return panel;
  };
  const errorNotices = (scope: Locator) => scope.locator('.components-notice.is-error, .notice-error').allInnerTexts();

  it('logs in at wp-login.php', async () => {
    if (!site) throw new Error('No site');
    await page.goto(wp('/wp-login.php'));
    await page.locator('#user_login').fill(site.admin.user);
    await page.locator('#user_pass').fill(site.admin.password);
    await page.locator('#wp-submit').click();
    await page.waitForURL(/\/wp-admin\/?$/);
    // The stand-in's menu, and the plugin's page under it.
    await expect(page.locator('#adminmenu').getByRole('link', { name: 'NetSuite', exact: true }).count()).resolves.toBe(
      1,
    );
    await screenshot('01-dashboard-before-pairing');
  }, 60_000);

  it('pairs with the sidecar through the pairing form', async () => {
    if (!world) throw new Error('No sidecar');
    await page.goto(wp('/wp-admin/admin.php?page=ml-connector&classic=1'));
    await page.getByLabel('Sidecar URL').fill(world.sidecar.sidecar.url);
    await page.getByLabel('Admin token').fill(world.sidecar.adminToken);
    await screenshot('02-pairing-form');
    await page.getByRole('button', { name: 'Pair with the sidecar' }).click();
    await page.getByText('Paired: the sidecar accepted the token.').waitFor();
    // The token stays on the server: it is nowhere in the page.
    expect(await page.content()).not.toContain(world.sidecar.adminToken);
    await screenshot('03-paired');
  }, 60_000);

  it('shows an order held for an unmapped SKU in the dashboard widget', async () => {
    if (!world) throw new Error('No sidecar');
    order = await placePaidOrder(world, [{ sku: UNMAPPED_SKU, quantity: 1 }]);
    await deliverQueued(world);
    const [held] = await settledJobs(world, 'order', Number(order.id));
    expect({ state: held?.state, code: held?.lastError?.code }).toEqual({ state: 'held', code: 'UNMAPPED_SKU' });

    await page.goto(wp('/wp-admin/index.php'));
    await widget().getByText(UNMAPPED_SKU, { exact: true }).waitFor();
    await widget().getByText('1 held order').waitFor();
    await screenshot('04-dashboard-widget-held-order');
  }, 60_000);

  it('opens every tab of the NetSuite page, each showing its data', async () => {
    if (!world) throw new Error('No sidecar');
    await page.goto(wp('/wp-admin/admin.php?page=ml-connector'));

    const overview = await openTab('Overview');
    await overview.getByText(world.sidecar.sidecar.url).first().waitFor();
    expect(await errorNotices(overview)).toEqual([]);
    await screenshot('05-overview');

    const queue = await openTab('Review queue');
    await queue.getByText(`#${order.number}`, { exact: false }).first().waitFor();
    await queue.getByRole('button', { name: `Map SKU “${UNMAPPED_SKU}”` }).waitFor();
    await screenshot('06-review-queue');

    // The harness mapped the shirt and the mug; the poster waits for the merchant.
    const mappings = await openTab('Mappings');
    await mappings.getByText('MUG-WHT', { exact: true }).first().waitFor();
    await mappings.getByText('TSHIRT-BLK-M', { exact: true }).first().waitFor();
    expect(await errorNotices(mappings)).toEqual([]);
    await screenshot('07-mappings');

    const activity = await openTab('Activity');
    await activity.locator('table tbody tr').first().waitFor();
    expect(await errorNotices(activity)).toEqual([]);
    await screenshot('08-activity');

    const connection = await openTab('Connection');
    await connection.getByText('TSTDRV5550003').first().waitFor();
    expect(await errorNotices(connection)).toEqual([]);
    await screenshot('09-connection');
  }, 90_000);

  it('saves a store setting on the Mappings screen, and the sidecar holds it', async () => {
    if (!world) throw new Error('No sidecar');
    const mappings = await openTab('Mappings');
    const orderItems = mappings.getByRole('region', { name: 'Order items', exact: true });
    const feeItem = orderItems.getByLabel('Fee item id', { exact: true });
    await feeItem.fill('12x');
    await orderItems.getByRole('button', { name: 'Save', exact: true }).click();
    await orderItems.getByText('Nothing was saved: correct the fields marked below.').waitFor();

    await feeItem.fill(world.ns.shipping);
    await orderItems.getByRole('button', { name: 'Save', exact: true }).click();
    await orderItems.getByText('Saved.', { exact: true }).waitFor();
    await screenshot('12-mappings-setting-saved');

    const response = await fetch(`${world.sidecar.sidecar.url}/api/v1/connections/${world.connectionId}`, {
      headers: { authorization: `Bearer ${world.sidecar.adminToken}` },
    });
    const saved = (await response.json()) as { settings: { feeItemId: string | null; refundItemId: string | null } };
    // The section sends only what it owns: the fee item changed, the refund item the harness set is kept.
    expect(saved.settings).toMatchObject({ feeItemId: world.ns.shipping, refundItemId: world.ns.refunds });
  }, 60_000);

  it('tests the NetSuite connection from the Connection screen and shows what NetSuite answered', async () => {
    const connection = await openTab('Connection');
    await connection.getByRole('button', { name: 'Test connection' }).first().click();
    await connection.getByText(/NetSuite account TSTDRV5550003 answered in \d+ ms/).waitFor();
    expect(await errorNotices(connection)).toEqual([]);
    await screenshot('13-connection-tested');
  }, 60_000);

  it('maps the SKU in the dashboard widget with the live item picker, and the order reaches NetSuite', async () => {
    if (!world) throw new Error('No sidecar');
    await page.goto(wp('/wp-admin/index.php'));
    const box = widget();
    await box.getByText(UNMAPPED_SKU, { exact: true }).waitFor();
    // Prefilled with the SKU; searched in NetSuite (the simulator) through the plugin's proxy and the sidecar.
    await expect(box.getByLabel('Search NetSuite items').inputValue()).resolves.toBe(UNMAPPED_SKU);
    await box.getByRole('button', { name: 'Search', exact: true }).click();
    const picker = box.getByLabel('NetSuite item', { exact: true });
    await picker.waitFor();
    await picker.selectOption(world.ns.poster);
    await screenshot('10-dashboard-widget-item-picked');
    await box.getByRole('button', { name: `Map “${UNMAPPED_SKU}”` }).click();
    await box
      .getByText(`SKU “${UNMAPPED_SKU}” mapped to NetSuite item #${world.ns.poster}; 1 held order released.`)
      .waitFor();
    await box.getByText('No order waits for a SKU mapping.').waitFor();
    await screenshot('11-dashboard-widget-mapped');

    const externalId = `WOO_ORDER_${order.id}`;
    const deadline = Date.now() + 30_000;
    while (recordsOf(world.netsuite, 'salesOrder', externalId).length === 0) {
      if (Date.now() > deadline) {
        const jobs = await settledJobs(world, 'order', Number(order.id), 1_000).catch((error) => String(error));
        throw new Error(`No sales order ${externalId} reached NetSuite within 30 s; jobs: ${JSON.stringify(jobs)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const [salesOrder] = recordsOf(world.netsuite, 'salesOrder', externalId);
    expect(JSON.stringify(salesOrder?.fields)).toContain(`"id":"${world.ns.poster}"`);
  }, 90_000);

  it('raised no script error in any page, and the plugin logged no PHP warning', () => {
    expect(pageErrors).toEqual([]);
    const pluginLines = (site?.debugLog() ?? '').split('\n').filter((line) => /ml-connector|\/plugin\//.test(line));
    expect(pluginLines).toEqual([]);
  });
});
