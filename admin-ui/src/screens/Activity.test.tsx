import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type Call, mockApi } from '../../test/fetch-mock.ts';
import { findNotice, renderWithStore } from '../../test/render.tsx';
import type { AuditEvent, AuditEventPreview } from '../api/types.ts';
import { Activity } from './Activity.tsx';

const JOB = '0190a000-0000-7000-8000-0000000000j1'.replace('j', '0');

const event = (n: number, overrides: Partial<AuditEventPreview> = {}): AuditEventPreview => ({
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
  bodies: null,
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

  describe('a call’s bodies, previewed, read whole on demand', () => {
    const CALL = event(9);
    const request = { method: 'POST', url: 'https://shop.test/wp-json/wc/v3/products/batch' };
    const preview: AuditEventPreview = {
      ...CALL,
      type: 'outbound.call',
      message: 'POST https://shop.test/wp-json/wc/v3/products/batch → 200 in 812 ms',
      data: { target: 'woocommerce', request, response: { status: 200 } },
      bodies: {
        request: { preview: '{"update":[{"id":1001,"sku":"BULK-0000"', bytes: 34_000, truncated: true },
        response: { preview: '{"ok":true}', bytes: 11, truncated: false },
      },
    };
    const whole: AuditEvent = {
      ...CALL,
      type: 'outbound.call',
      message: preview.message,
      data: {
        target: 'woocommerce',
        request: {
          ...request,
          body: {
            update: [
              { id: 1001, sku: 'BULK-0000' },
              { id: 1002, sku: 'BULK-0001' },
            ],
          },
        },
        response: { status: 200, body: { ok: true } },
      },
    };
    const jobWith = (timeline: AuditEventPreview[]) => ({
      id: JOB,
      kind: 'netsuite.stock',
      entityKey: 'stock:connection:1',
      state: 'succeeded',
      attempts: 1,
      maxAttempts: 5,
      replays: 0,
      runAt: '2026-11-20T10:00:00.000Z',
      lastError: null,
      timeline,
    });
    const eventRoute = `GET audit/${CALL.id}`;

    /** Where the call is shown: the routes that show it there, and how to get it on screen. */
    const places = [
      {
        where: 'the search list',
        routes: { 'GET audit': { body: { items: [event(10), preview, event(8)], nextCursor: null } } },
        open: async () => {
          renderWithStore(<Activity />);
          await screen.findByText(/products\/batch → 200/);
        },
      },
      {
        where: 'the job’s timeline',
        routes: {
          'GET audit': { body: { items: [event(1)], nextCursor: null } },
          [`GET jobs/${JOB}`]: { body: jobWith([event(8, { message: 'Started' }), preview]) },
        },
        open: async () => {
          renderWithStore(<Activity />);
          fireEvent.click(await screen.findByRole('button', { name: `Open job ${JOB.slice(-8)}` }));
          await screen.findByText(/products\/batch → 200/);
        },
      },
    ];

    describe.each(places)('on $where', ({ routes, open }) => {
      it('shows the previews with the whole size, and fetches the event whole only when asked', async () => {
        const calls = mockApi({ ...routes, [eventRoute]: { body: whole } });
        await open();
        expect(screen.getByText('{"update":[{"id":1001,"sku":"BULK-0000"…')).toBeTruthy();
        expect(screen.getByText('Only its start is shown: the whole body is 33.2 KB.', { exact: false })).toBeTruthy();
        // A whole JSON body is shown indented, and needs no button.
        expect(screen.getByText(/"ok": true/)).toBeTruthy();
        expect(screen.getAllByRole('button', { name: 'Show full body' })).toHaveLength(1);
        const shown = calls.length;

        fireEvent.click(screen.getByRole('button', { name: 'Show full body' }));
        expect(await screen.findByText(/"sku": "BULK-0001"/)).toBeTruthy();
        // Only that event was fetched: neither the search nor the job again.
        expect(calls.slice(shown).map((call) => `${call.method} ${call.url.pathname}`)).toEqual([
          `GET /wp-json/ml-connector/v1/audit/${CALL.id}`,
        ]);
        expect(screen.queryByRole('button', { name: 'Show full body' })).toBeNull();
        expect(screen.queryByText(/Only its start is shown/)).toBeNull();
        expect(screen.queryByText('{"update":[{"id":1001,"sku":"BULK-0000"…')).toBeNull();
        // The events around it are as they were.
        expect(screen.getByText(/Event 8|Started/)).toBeTruthy();
      });

      it('keeps the preview and says why when the event cannot be fetched', async () => {
        mockApi({
          ...routes,
          [eventRoute]: {
            status: 404,
            body: { error: { code: 'AUDIT_EVENT_NOT_FOUND', message: 'The activity has no event with this id.' } },
          },
        });
        await open();
        fireEvent.click(screen.getByRole('button', { name: 'Show full body' }));
        expect(await findNotice('The activity has no event with this id.')).toBeTruthy();
        expect(screen.getByText('{"update":[{"id":1001,"sku":"BULK-0000"…')).toBeTruthy();
        expect(screen.getByRole('button', { name: 'Show full body' })).toBeTruthy();
      });
    });

    it('reads the call whole once for both places when the search list and the job’s timeline show it', async () => {
      const calls = mockApi({
        'GET audit': { body: { items: [preview], nextCursor: null } },
        [`GET jobs/${JOB}`]: { body: jobWith([preview]) },
        [eventRoute]: { body: whole },
      });
      renderWithStore(<Activity />);
      fireEvent.click(await screen.findByRole('button', { name: `Open job ${JOB.slice(-8)}` }));
      await screen.findByText('Timeline');
      expect(await screen.findAllByRole('button', { name: 'Show full body' })).toHaveLength(2);

      fireEvent.click(screen.getAllByRole('button', { name: 'Show full body' })[1] as HTMLElement);
      expect(await screen.findAllByText(/"sku": "BULK-0001"/)).toHaveLength(2);
      expect(screen.queryByRole('button', { name: 'Show full body' })).toBeNull();
      expect(calls.filter((call) => call.url.pathname.endsWith(`/audit/${CALL.id}`))).toHaveLength(1);
    });
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
