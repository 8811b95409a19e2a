import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../sidecar/src/config.ts';
import { formatDuration, parseDuration, scheduleEnvName } from '../../sidecar/src/schedules/duration.ts';

describe('schedule cadences', () => {
  it('reads durations as people write them', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('15m')).toBe(900_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration(' 1D ')).toBe(86_400_000);
    expect(parseDuration('60000')).toBe(60_000);
    expect(parseDuration(1_000)).toBe(1_000);
    for (const bad of ['', 'soon', '15', '-5m', '1.5h', '0m', 'm15', '15 m']) {
      expect({ bad, ms: parseDuration(bad) }).toEqual({ bad, ms: bad === '15' ? 15 : undefined });
    }
    expect(parseDuration(0)).toBeUndefined();
  });

  it('prints the shortest exact spelling', () => {
    expect([900_000, 5_400_000, 86_400_000, 1_500, 250].map(formatDuration)).toEqual([
      '15m',
      '1h30m',
      '1d',
      '1s500ms',
      '250ms',
    ]);
  });

  it('takes MLC_SCHEDULE_<NAME>_EVERY from the environment and refuses what is not a duration', () => {
    expect(scheduleEnvName('woocommerce-backfill')).toBe('WOOCOMMERCE_BACKFILL');
    const config = loadConfig({ MLC_SCHEDULE_WOOCOMMERCE_BACKFILL_EVERY: '5m', MLC_SCHEDULE_REPORT_EVERY: '' });
    expect(config.scheduleCadences).toEqual({ WOOCOMMERCE_BACKFILL: 300_000 });
    expect(() => loadConfig({ MLC_SCHEDULE_WOOCOMMERCE_BACKFILL_EVERY: 'often', PORT: 'x' })).toThrow(
      /PORT[\s\S]*MLC_SCHEDULE_WOOCOMMERCE_BACKFILL_EVERY: "often" is not a duration/,
    );
  });
});
