/** Cadences as people write them: `250ms`, `90s`, `5m`, `1h30m`, `1d`; a bare number is milliseconds. */

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const PART = /(\d+)(ms|s|m|h|d)/g;
const WHOLE = /^(?:\d+(?:ms|s|m|h|d))+$/;

/** Milliseconds, or undefined when the text is not a duration. */
export function parseDuration(text: string | number): number | undefined {
  if (typeof text === 'number') return Number.isSafeInteger(text) && text > 0 ? text : undefined;
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return parseDuration(Number(trimmed));
  if (!WHOLE.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART))
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return total > 0 && Number.isSafeInteger(total) ? total : undefined;
}

/** The shortest exact spelling: 900000 → `15m`, 5400000 → `1h30m`, 1500 → `1s500ms`. */
export function formatDuration(ms: number): string {
  let rest = ms;
  let text = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const amount = Math.floor(rest / UNIT_MS[unit]);
    if (amount > 0) text += `${amount}${unit}`;
    rest -= amount * UNIT_MS[unit];
  }
  return text || '0ms';
}

/** `woocommerce-backfill` → `WOOCOMMERCE_BACKFILL`, the part of `MLC_SCHEDULE_<NAME>_EVERY` that names it. */
export const scheduleEnvName = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
