import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Call, mockApi } from '../../test/fetch-mock.ts';
import { findNotice, renderWithStore } from '../../test/render.tsx';
import type { AuditEvent } from '../api/types.ts';
import { Activity } from './Activity.tsx';

const JOB = '0190a000-0000-7000-8000-0000000000j1'.replace('j', '0');

const event = (n: number, overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
  at: '2026-11-20T10:00:00.000Z',
  type: 'job.transition',
  jobId: JOB,
  entityKey: `woocommerce:order:${1000 + n}`,
  externalId: `WOO_ORDER_${1000 + n}`,
  state: 'succeeded',
  attempt: 1,
  message: `Event ${n}`,
  data: null,
  ...overrides,
});

const audits = (calls: Call[]) => calls.filter((call) => call.url.pathname.endsWith('/audit'));

describe('Activity screen', () => {
  it('shows the latest activity, then searches by text, state and days', async () => {
    const calls = mockApi({
      'GET audit': (call) => ({
        body: { items: call.url.searchParams.get('state') === 'dead' ? [] : [event(1)], nextCursor: null },
      }),
    });
    renderWithStore(<Activity />);
    expect(await screen.findByText(/Event 1/)).toBeTruthy();
    expect(audits(calls)[0]?.url.searchParams.get('limit')).toBe('50');

    fireEvent.change(screen.getByLabelText('Search the activity'), { target: { value: ' 1042 ' } });
    fireEvent.change(screen.getByLabelText('Job state'), { target: { value: 'dead' } });
    fireEvent.change(screen.getByLabelText('From (day)'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('To (day)'), { target: { value: '2026-11-20' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));

    expect(await screen.findByText('Nothing in the activity mentions “1042”.')).toBeTruthy();
    const query = audits(calls)[1]?.url.searchParams;
    expect(query?.get('q')).toBe('1042');
    expect(query?.get('state')).toBe('dead');
    // The browser's own days, as instants.
    expect(query?.get('from')).toBe(new Date('2026-11-01T00:00:00').toISOString());
    expect(query?.get('to')).toBe(new Date('2026-11-20T23:59:59.999').toISOString());
  });

  it('checks the days before it searches', async () => {
    const calls = mockApi({ 'GET audit': { body: { items: [], nextCursor: null } } });
    renderWithStore(<Activity />);
    expect(await screen.findByText('No activity yet.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('From (day)'), { target: { value: '2026-11-20' } });
    fireEvent.change(screen.getByLabelText('To (day)'), { target: { value: '2026-11-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.getByText('The last day comes on or after the first.')).toBeTruthy();
    expect(audits(calls)).toHaveLength(1);
  });

  it('loads more with the nextCursor and the same filters, and stops when there is no more', async () => {
    const calls = mockApi({
      'GET audit': (call) =>
        call.url.searchParams.get('before') === event(2).id
          ? { body: { items: [event(3)], nextCursor: null } }
          : { body: { items: [event(1), event(2)], nextCursor: event(2).id } },
    });
    renderWithStore(<Activity />);
    fireEvent.change(screen.getByLabelText('Job state'), { target: { value: 'succeeded' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    await screen.findByText(/Event 2/);
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));

    expect(await screen.findByText(/Event 3/)).toBeTruthy();
    expect(screen.getByText(/Event 1/)).toBeTruthy();
    const more = audits(calls).at(-1)?.url.searchParams;
    expect(more?.get('before')).toBe(event(2).id);
    expect(more?.get('state')).toBe('succeeded');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('opens a job’s timeline and replays it', async () => {
    const job = {
      id: JOB,
      kind: 'woocommerce.order',
      entityKey: 'woocommerce:order:1001',
      state: 'dead',
      attempts: 5,
      maxAttempts: 5,
      replays: 0,
      runAt: '2026-11-20T10:00:00.000Z',
      lastError: { code: 'NETSUITE_DOWN', message: 'NetSuite answered 503.' },
      timeline: [event(9, { message: 'Sent to NetSuite' })],
    };
    const calls = mockApi({
      'GET audit': { body: { items: [event(1)], nextCursor: null } },
      [`GET jobs/${JOB}`]: { body: job },
      [`POST jobs/${JOB}/replay`]: { body: { ...job, state: 'queued' } },
    });
    renderWithStore(<Activity />);
    fireEvent.click(await screen.findByRole('button', { name: `Open job ${JOB.slice(-8)}` }));
    expect(await screen.findByText(/Sent to NetSuite/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect(await findNotice(/The job runs again with the same id/)).toBeTruthy();
    expect(calls.some((call) => call.method === 'POST' && call.url.pathname.endsWith('/replay'))).toBe(true);
  });
});
