import { describe, expect, it } from 'vitest';
import { judgeSilence, SILENCE_FLOOR_MS } from '../../sidecar/src/webhook-health/delivery-silence.ts';
import { spokenDuration } from '../../sidecar/src/webhook-health/no-deliveries-alert.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const T0 = Date.parse('2026-03-02T08:00:00Z');
const at = (ms: number) => new Date(T0 + ms);
/** Deliveries every `gap` from T0, `count` of them. */
const every = (gap: number, count: number) => Array.from({ length: count }, (_, i) => at(i * gap));

describe('judgeSilence: the "no deliveries" rule', () => {
  it('judges nothing before the store has had traffic (fewer than 5 deliveries in its last week)', () => {
    expect(judgeSilence([], at(30 * 24 * HOUR))).toEqual({ state: 'learning', lastDeliveryAt: null, deliveries: 0 });
    expect(judgeSilence(every(HOUR, 4), at(30 * 24 * HOUR))).toMatchObject({ state: 'learning', deliveries: 4 });
  });

  it('allows at least 6 hours however busy the store is', () => {
    const deliveries = every(5 * MINUTE, 50);
    const last = T0 + 49 * 5 * MINUTE;
    expect(judgeSilence(deliveries, new Date(last + 6 * HOUR))).toMatchObject({
      state: 'ok',
      allowedSilenceMs: SILENCE_FLOOR_MS,
    });
    expect(judgeSilence(deliveries, new Date(last + 6 * HOUR + 1))).toMatchObject({
      state: 'silent',
      silentForMs: 6 * HOUR + 1,
    });
  });

  it('allows 1.5 × the longest quiet of the week, so a shop that sleeps at night is not reported every night', () => {
    // Busy from 08:00 to 20:00 every 10 minutes, for three days: 12 h of night each time.
    const deliveries = [0, 1, 2].flatMap((day) =>
      Array.from({ length: 73 }, (_, i) => at(day * 24 * HOUR + i * 10 * MINUTE)),
    );
    const last = T0 + 2 * 24 * HOUR + 12 * HOUR;
    const verdict = judgeSilence(deliveries, new Date(last + 17 * HOUR));
    expect(verdict).toMatchObject({ state: 'ok', allowedSilenceMs: 18 * HOUR });
    expect(judgeSilence(deliveries, new Date(last + 18 * HOUR + MINUTE)).state).toBe('silent');
  });

  it('does not count the deliveries of one burst (one order, several webhooks) as gaps', () => {
    const bursts = every(20 * MINUTE, 10).flatMap((start) => [start, new Date(start.getTime() + 500)]);
    expect(judgeSilence(bursts, at(10 * HOUR))).toMatchObject({ allowedSilenceMs: SILENCE_FLOOR_MS });
  });

  it('judges a store silent for a month by the week it last had traffic, in any order', () => {
    const deliveries = every(HOUR, 10).reverse();
    expect(judgeSilence(deliveries, at(30 * 24 * HOUR))).toMatchObject({
      state: 'silent',
      lastDeliveryAt: at(9 * HOUR),
      allowedSilenceMs: SILENCE_FLOOR_MS,
    });
  });

  it('only reads the week before the last delivery: an older long gap does not widen the allowance', () => {
    const old = [at(0), at(HOUR)];
    const recent = every(HOUR, 8).map((d) => new Date(d.getTime() + 20 * 24 * HOUR));
    expect(judgeSilence([...old, ...recent], at(28 * 24 * HOUR))).toMatchObject({ allowedSilenceMs: SILENCE_FLOOR_MS });
  });
});

describe('spokenDuration', () => {
  it('says silences as a merchant reads them', () => {
    expect(spokenDuration(45 * MINUTE)).toBe('45 min');
    expect(spokenDuration(5 * HOUR + 20 * MINUTE)).toBe('5 h 20 min');
    expect(spokenDuration(6 * HOUR)).toBe('6 h');
    expect(spokenDuration(51 * HOUR)).toBe('2 days 3 h');
    expect(spokenDuration(24 * HOUR)).toBe('1 day');
  });
});
