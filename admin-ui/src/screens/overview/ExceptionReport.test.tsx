import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deferred, mockApi } from '../../../test/fetch-mock.ts';
import { findNotice, renderWithStore } from '../../../test/render.tsx';
import { ExceptionReport } from './ExceptionReport.tsx';
import type { ExceptionReport as Report } from './exception-report-api.ts';

const empty = { total: 0, items: [] };

const report = (overrides: Partial<Report['sections']> = {}): Report => ({
  id: '01900000-0000-7000-8000-000000000001',
  generatedAt: '2026-11-23T06:00:00.000Z',
  trigger: 'schedule',
  sections: {
    heldOrders: {
      total: 1,
      items: [{ jobId: 'j1', orderNumber: '2001', code: 'UNMAPPED_SKU', reason: 'SKU "MUG-BLUE" matches no item.' }],
    },
    deadJobs: {
      total: 51,
      items: [
        {
          jobId: 'j2',
          kind: 'woocommerce.customer',
          entityKey: 'c:77',
          code: 'NETSUITE_REJECTED',
          message: 'Bad e-mail.',
        },
      ],
    },
    fulfillmentsNotWrittenBack: empty,
    webhookOutages: empty,
    stockDrift: empty,
    openAlerts: empty,
    ...overrides,
  },
  delivery: {
    email: {
      status: 'skipped',
      code: 'EXCEPTION_REPORT_NO_EMAIL_CHANNEL',
      message: 'Not e-mailed: no e-mail channel.',
    },
    webhook: { status: 'queued', jobId: 'j3' },
  },
});

describe('Exception report (Overview)', () => {
  it('shows the sections with their counts, and lists a section when opened', async () => {
    mockApi({ 'GET exception-report': { body: { report: report() } } });
    renderWithStore(<ExceptionReport />);
    const held = await screen.findByRole('button', { name: 'Held orders: 1' });
    expect(screen.getByText('Stock drift: 0')).toBeTruthy();
    expect(screen.getByText(/Not e-mailed: no e-mail channel\./)).toBeTruthy();
    expect(screen.queryByText(/MUG-BLUE/)).toBeNull();
    fireEvent.click(held);
    expect(screen.getByText('Order 2001: SKU "MUG-BLUE" matches no item.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dead jobs: 51' }));
    expect(screen.getByText('woocommerce.customer c:77 — NETSUITE_REJECTED: Bad e-mail.')).toBeTruthy();
    expect(screen.getByText('… and 50 more')).toBeTruthy();
  });

  it('says when there is no report yet, and Run now is busy until the new one arrives', async () => {
    const gate = deferred();
    const calls = mockApi({
      'GET exception-report': { body: { report: null } },
      'POST exception-report/run': async () => {
        await gate.promise;
        return { body: { report: report({ heldOrders: empty }) } };
      },
    });
    renderWithStore(<ExceptionReport />);
    expect(await screen.findByText(/No report yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run now' }));
    const busy = await screen.findByRole('button', { name: 'Running…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    gate.resolve();
    expect(await screen.findByText('Held orders: 0')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Run now' })).toBeTruthy();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1);
  });

  it('shows a load error with a retry, and a run error', async () => {
    let fail = true;
    mockApi({
      'GET exception-report': () =>
        fail
          ? { status: 502, body: { code: 'sidecar_unreachable', message: 'The sidecar does not answer.' } }
          : { body: { report: report() } },
      'POST exception-report/run': { status: 500, body: { code: 'x', message: 'The report could not be made.' } },
    });
    renderWithStore(<ExceptionReport />);
    expect(await findNotice('The sidecar does not answer.')).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Held orders: 1' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Run now' }));
    expect(await findNotice('The report could not be made.')).toBeTruthy();
  });
});
