import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deferred, mockApi } from '../../../test/fetch-mock.ts';
import { findNotice, renderWithStore } from '../../../test/render.tsx';
import type { Schedule } from '../../api/types.ts';
import { Schedules } from './Schedules.tsx';

const backfill = (overrides: Partial<Schedule> = {}): Schedule => ({
  name: 'woocommerce-backfill',
  cadence: '15m',
  cadenceMs: 900_000,
  lastRunAt: '2026-11-23T10:00:00.000Z',
  lastFinishedAt: '2026-11-23T10:00:05.000Z',
  nextRunAt: '2026-11-23T10:15:00.000Z',
  runningBy: null,
  lastOutcome: 'succeeded',
  lastResult: { message: '3 orders queued.', details: {} },
  ...overrides,
});

const row = () => screen.getByRole('row', { name: /woocommerce-backfill/ });

describe('Schedules (Overview)', () => {
  it('lists each schedule with cadence and last result, and Run now shows it running, then how it ended', async () => {
    const gate = deferred();
    let gets = 0;
    const calls = mockApi({
      'GET schedules': () => {
        gets += 1;
        return { body: { items: [backfill()], nextCursor: null } };
      },
      'POST schedules/woocommerce-backfill/run': async () => {
        await gate.promise;
        return { body: backfill({ lastResult: { message: '12 orders queued.' } }) };
      },
    });
    renderWithStore(<Schedules pollMs={20} maxPolls={5} />);
    expect(await screen.findByText('3 orders queued.')).toBeTruthy();
    expect(within(row()).getByText('15m')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Run now' }));
    expect(await within(row()).findByText(/Running…/)).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Run now' }) as HTMLButtonElement).disabled).toBe(true);
    // While the run goes on the list is read again, a bounded number of times.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(gets).toBeGreaterThan(1);
    expect(gets).toBeLessThanOrEqual(6);
    gate.resolve();

    expect(await findNotice('woocommerce-backfill: 12 orders queued.')).toBeTruthy();
    expect(within(row()).getByText('12 orders queued.')).toBeTruthy();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('says “already running” on a 409, then watches the list until the run ends elsewhere', async () => {
    let phase: 'idle' | 'running' | 'done' = 'idle';
    mockApi({
      'GET schedules': () => {
        const item =
          phase === 'running'
            ? backfill({ runningBy: 'sidecar-2', lastRunAt: '2026-11-23T10:30:00.000Z' })
            : phase === 'done'
              ? backfill({ lastResult: { message: '5 orders queued.' } })
              : backfill();
        return { body: { items: [item], nextCursor: null } };
      },
      'POST schedules/woocommerce-backfill/run': () => {
        phase = 'running';
        return {
          status: 409,
          body: { error: { code: 'SCHEDULE_RUNNING', message: 'Schedule woocommerce-backfill is running now.' } },
        };
      },
    });
    renderWithStore(<Schedules pollMs={20} maxPolls={500} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Run now' }));
    expect(
      await findNotice('woocommerce-backfill is already running; its result shows here when it ends.'),
    ).toBeTruthy();
    expect(await within(row()).findByText(/Running \(started/)).toBeTruthy();
    // The other process finishes only once the row has been seen running (a fixed number of polls races the screen).
    phase = 'done';
    expect(await within(row()).findByText('5 orders queued.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Run now' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
