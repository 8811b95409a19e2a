/**
 * `npm run demo --once` as a newcomer runs it: a child process (the sidecar on PGlite and both simulators inside it),
 * bounded at 120 s, exits 0 and prints each milestone of the loop.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const DEMO = new URL('../../scripts/demo/run.ts', import.meta.url).pathname;

function runDemo(withinMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    // Its fixed ports (8787, 8790, 8791) when free; when something else listens there, free ones.
    const child = spawn(process.execPath, [DEMO, '--once'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The demo did not finish within ${withinMs / 1000}s:\n${output}`));
    }, withinMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('npm run demo -- --once', () => {
  it('runs the whole loop offline and exits 0', { timeout: 130_000 }, async () => {
    const { code, output } = await runDemo(120_000);
    expect(code, output).toBe(0);
    const lines = output.split('\n');
    const has = (pattern: RegExp) =>
      expect(
        lines.some((line) => pattern.test(line)),
        `${pattern}\n${output}`,
      ).toBe(true);
    // The simulator's SuiteQL engine is started during set-up, not left to the first orders that query NetSuite.
    has(/SuiteQL warmed up\s+in [\d.]+s: the simulator's SuiteQL engine/);
    // Orders in: sales orders whose totals equal WooCommerce's, with their deposits.
    expect(
      lines.filter((line) => /sales order\s+SO\d+\s+WOO_ORDER_\d+\s+total ([\d.]+) = WooCommerce \1$/.test(line)),
    ).toHaveLength(3);
    has(/customer deposit\s+DEP\d+\s+WOO_DEP_\d+/);
    has(/order HELD\s+WooCommerce #\d+\s+UNMAPPED_SKU/);
    has(/order released\s+WooCommerce #\d+/);
    has(/customer refund\s+RF\d+\s+WOO_REFUND_\d+\s+10\.00/);
    has(/order completed\s+#\d+\s+status completed/);
    has(/customer note\s+“Your order has shipped.*Tracking number: 1Z999AA10123456784/);
    has(/invoice\s+INV\d+\s+WOO_INV_\d+_1/);
    has(/deposit applied\s+DA\d+\s+WOO_DEPAPP_\d+_\d+/);
    has(/GL balanced\s+\d+ lines\s+debits ([\d.]+)\s+credits \1$/);
    has(/Admin API\s+curl -H "Authorization: Bearer \$\(cat .*admin-token\)" http:\/\/127\.0\.0\.1:\d+\/api\/v1\/jobs/);
    has(/Demo complete/);
  });
});
