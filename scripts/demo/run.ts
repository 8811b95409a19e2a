/**
 * `npm run demo`: the whole loop, offline, in one command. Starts the sidecar (PGlite in a temporary folder) with the
 * NetSuite and WooCommerce simulators beside it, sets up a merchant, sends paid orders through the store's signed
 * webhooks (one held on an unmapped SKU, then released), a partial refund, a fulfilment written back with billing,
 * and prints the order's GL lines; then leaves everything up until Ctrl-C.
 *
 * `--once` (or `DEMO_EXIT=1`): stop after the loop, exit 0 when it all happened (the end-to-end test runs it so).
 * Any failure prints what was being waited for and exits 1.
 */
import { runLoop } from './loop.ts';
import { step } from './print.ts';
import { type DemoWorld, startDemoWorld } from './world.ts';

const once = process.argv.includes('--once') || ['1', 'true'].includes(process.env.DEMO_EXIT ?? '');

function printUrls(world: DemoWorld): void {
  step('8. Look around');
  const bearer = `-H "Authorization: Bearer $(cat ${world.adminTokenFile})"`;
  const rows: [string, string][] = [
    ['Health, metrics', `${world.sidecarUrl}/readyz  ·  ${world.sidecarUrl}/metrics  (no token)`],
    ['Admin API', `curl ${bearer} ${world.sidecarUrl}/api/v1/jobs`],
    ['OpenAPI', `curl ${bearer} ${world.sidecarUrl}/api/v1/openapi.json`],
    ['Webhooks in', `${world.sidecarUrl}/webhooks/woocommerce/${world.connectionId}`],
    ['NetSuite sim', `${world.netsuiteUrl}/__sim/ledger  ·  ${world.netsuiteUrl}/__sim/requests`],
    ['WooCommerce sim', `${world.wooUrl}/__sim/deliveries  ·  ${world.wooUrl}/__sim/requests`],
    ['Sidecar log', `${world.dataDir}/sidecar.log  (the data folder is removed when the demo stops)`],
  ];
  for (const [name, url] of rows) console.log(`  ${name.padEnd(16)} ${url}`);
}

let world: DemoWorld | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    await world?.close().catch((error: unknown) => console.error(`Could not stop cleanly: ${String(error)}`));
  }
  process.exit(code);
}

try {
  step('1–2. Sidecar, simulators and the merchant’s set-up');
  world = await startDemoWorld();
  await runLoop(world);
  printUrls(world);
  if (once) {
    console.log('\nDemo complete (--once): stopping.');
    await stop(0);
  }
  console.log('\nEverything stays up until Ctrl-C.');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log(`\n${signal}: stopping the sidecar and the simulators, removing ${world?.dataDir}`);
      void stop(0);
    });
  }
} catch (error) {
  console.error(`\nThe demo failed: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}
