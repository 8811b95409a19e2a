import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../../sidecar/src/jobs/backoff.ts';

const policy = { baseMs: 10_000, capMs: 3_600_000 };
const highest = () => 0.999_999;

describe('retryDelayMs', () => {
  it('doubles the ceiling with every failed attempt, from the base up to the cap', () => {
    const ceilings = Array.from({ length: 11 }, (_, i) => retryDelayMs(i + 1, policy, 0, highest));
    expect(ceilings.map((ms) => Math.round(ms / 1000))).toEqual([
      10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600,
    ]);
  });

  it('draws the full jitter: anywhere from zero to just under the ceiling', () => {
    expect(retryDelayMs(4, policy, 0, () => 0)).toBe(0);
    const samples = Array.from({ length: 20_000 }, () => retryDelayMs(4, policy));
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...samples)).toBeLessThan(80_000);
    const mean = samples.reduce((sum, ms) => sum + ms, 0) / samples.length;
    expect(mean).toBeGreaterThan(38_000);
    expect(mean).toBeLessThan(42_000);
    const quarters = [0, 0, 0, 0];
    for (const ms of samples) quarters[Math.floor(ms / 20_000)] = (quarters[Math.floor(ms / 20_000)] ?? 0) + 1;
    for (const count of quarters) expect(count).toBeGreaterThan(4_500);
  });

  it("never waits less than the other side's Retry-After, nor more than the cap", () => {
    expect(retryDelayMs(1, policy, 30_000, () => 0)).toBe(30_000);
    expect(retryDelayMs(1, policy, 30_000, highest)).toBe(30_000);
    expect(retryDelayMs(9, policy, 30_000, highest)).toBeGreaterThan(2_559_000);
    expect(retryDelayMs(1, policy, 7_200_000, () => 0)).toBe(3_600_000);
  });
});
