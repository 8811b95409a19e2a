import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deferred, mockApi } from '../../../test/fetch-mock.ts';
import { findNotice, renderWithStore } from '../../../test/render.tsx';
import type { NetSuiteAccountHealth } from '../../api/types.ts';
import { NetSuiteHealth } from './NetSuiteHealth.tsx';

const at = '2026-11-23T10:00:00.000Z';
const shown = (iso: string) => new Date(iso).toLocaleString();

const account = (overrides: Partial<NetSuiteAccountHealth> = {}): NetSuiteAccountHealth => ({
  accountId: '01900000-0000-7000-8000-000000000001',
  netsuiteAccountId: 'TSTDRV1111111',
  authType: 'm2m',
  calls: 12,
  failed: 0,
  throttled: 0,
  serverErrors: 0,
  authFailures: 0,
  lastSuccessAt: at,
  lastFailure: null,
  lastTest: { at, ok: true },
  state: 'ok',
  ...overrides,
});

const lineOf = (netsuiteAccountId: string) =>
  screen.getByText(netsuiteAccountId).closest('li')?.textContent?.replace(/\s+/g, ' ') ?? '';

describe('NetSuite health (Overview)', () => {
  it('shows each account’s state in words, its counts, last success, last failure and last test', async () => {
    const calls = mockApi({
      'GET netsuite/health': {
        body: {
          hours: 24,
          items: [
            account(),
            account({
              accountId: '01900000-0000-7000-8000-000000000002',
              netsuiteAccountId: '1234567_SB1',
              calls: 9,
              failed: 2,
              throttled: 2,
              lastFailure: { at, status: 429, message: 'POST /services/rest/query/v1/suiteql: Concurrency limit' },
              state: 'degraded',
            }),
            account({
              accountId: '01900000-0000-7000-8000-000000000003',
              netsuiteAccountId: '1234567_SB2',
              calls: 5,
              failed: 5,
              serverErrors: 5,
              lastSuccessAt: null,
              lastFailure: { at, status: 503, message: 'GET /services/rest/record/v1/customer/7: Unavailable' },
              state: 'failing',
            }),
            account({
              accountId: '01900000-0000-7000-8000-000000000004',
              netsuiteAccountId: '1234567_SB3',
              calls: 1,
              failed: 1,
              authFailures: 1,
              lastSuccessAt: null,
              lastFailure: { at, status: 401, message: 'POST /services/rest/auth/oauth2/v1/token: invalid_client' },
              lastTest: { at, ok: false, code: 'NETSUITE_AUTH_FAILED' },
              state: 'failing',
            }),
            account({
              accountId: '01900000-0000-7000-8000-000000000005',
              netsuiteAccountId: '1234567_SB4',
              calls: 2,
              failed: 2,
              lastSuccessAt: null,
              lastFailure: { at, status: null, message: 'GET /services/rest/x: no answer from NetSuite' },
              state: 'failing',
            }),
            account({
              accountId: '01900000-0000-7000-8000-000000000006',
              netsuiteAccountId: '1234567_SB5',
              calls: 0,
              lastSuccessAt: null,
              lastTest: null,
              state: 'idle',
            }),
          ],
        },
      },
    });
    renderWithStore(<NetSuiteHealth />);
    expect(await screen.findByText('TSTDRV1111111')).toBeTruthy();
    expect(calls[0]?.url.searchParams.get('hours')).toBe('24');

    expect(lineOf('TSTDRV1111111')).toBe(
      `TSTDRV1111111 OK12 calls, 0 failed (0 throttled, 0 server errors, 0 credentials refused)` +
        `Last success: ${shown(at)}Last connection test: ${shown(at)}, passed.`,
    );
    expect(lineOf('1234567_SB1')).toContain('Slowed down by NetSuite (429)');
    expect(lineOf('1234567_SB1')).toContain(
      `Last failure: ${shown(at)}, HTTP 429: POST /services/rest/query/v1/suiteql: Concurrency limit`,
    );
    expect(lineOf('1234567_SB2')).toContain('NetSuite errors');
    expect(lineOf('1234567_SB2')).toContain('5 calls, 5 failed (0 throttled, 5 server errors, 0 credentials refused)');
    expect(lineOf('1234567_SB2')).toContain('No success in the last 24 h');
    expect(lineOf('1234567_SB3')).toContain('Credentials refused — test the connection on the Connection tab');
    expect(lineOf('1234567_SB3')).toContain(`Last connection test: ${shown(at)}, failed (NETSUITE_AUTH_FAILED).`);
    expect(lineOf('1234567_SB4')).toContain(
      `Last failure: ${shown(at)}, no answer: GET /services/rest/x: no answer from NetSuite`,
    );
    expect(lineOf('1234567_SB5')).toContain('No calls in the last 24 h');
    expect(lineOf('1234567_SB5')).toContain('No recent connection test.');
    expect(lineOf('1234567_SB5')).not.toContain('Last failure');

    const state = (id: string) => screen.getByText(id).parentElement?.querySelector('.mlc-health')?.className;
    expect(state('TSTDRV1111111')).toBe('mlc-health mlc-health-ok');
    expect(state('1234567_SB3')).toBe('mlc-health mlc-health-failing');
  });

  it('shows loading, then the empty state when there is no account', async () => {
    const gate = deferred();
    mockApi({
      'GET netsuite/health': async () => {
        await gate.promise;
        return { body: { hours: 24, items: [] } };
      },
    });
    renderWithStore(<NetSuiteHealth />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    gate.resolve();
    expect(await screen.findByText('No NetSuite account yet: add one on the Connection tab.')).toBeTruthy();
  });

  it('shows a failed load with Try again', async () => {
    mockApi({
      'GET netsuite/health': {
        status: 502,
        body: { error: { code: 'SIDECAR_UNREACHABLE', message: 'The sidecar does not answer.' } },
      },
    });
    renderWithStore(<NetSuiteHealth />);
    expect(await findNotice(/The sidecar does not answer\./)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
