/** The demo's output: one line per event, aligned columns, money as decimal strings, elapsed time first. */

const started = Date.now();

/** `  12.3s  netsuite    sales order       SO-2  WOO_ORDER_12  total 44.98`: where, what, then the detail. */
export function event(where: string, what: string, detail = ''): void {
  const elapsed = `${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(6);
  console.log(`${elapsed}  ${where.padEnd(11)} ${what.padEnd(22)} ${detail}`.trimEnd());
}

/** A step's heading, numbered as the README tells the loop. */
export function step(title: string): void {
  console.log(`\n== ${title}`);
}

/** Money as NetSuite and WooCommerce write it: a decimal string with two places. */
export const money = (value: unknown): string =>
  value === undefined || value === null ? '?' : Number(value).toFixed(2);

/** Exact cents of a decimal string or number, to add money without floating-point drift. */
export const cents = (value: unknown): number => Math.round(Number(value) * 100);

/** Polls `check` every 100 ms until it answers something, or fails after `withinMs` saying what it waited for. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, withinMs = 30_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Gave up after ${withinMs / 1000}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
