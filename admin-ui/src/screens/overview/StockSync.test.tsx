import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deferred, mockApi } from '../../../test/fetch-mock.ts';
import { connection } from '../../../test/fixtures.ts';
import { findNotice, renderWithStore } from '../../../test/render.tsx';
import type { StockDrift, StockRun } from '../../api/stock.ts';
import { StockSync } from './StockSync.tsx';

const id = '0190a000-0000-7000-8000-0000000000c1';
const started = '2026-11-23T10:00:00.000Z';
const finished = '2026-11-23T10:00:42.000Z';
const shown = (iso: string) => new Date(iso).toLocaleString();

const stockRun = (overrides: Partial<StockRun> = {}): StockRun => ({
  state: 'succeeded',
  jobId: '0190b000-0000-7000-8000-000000000001',
  startedAt: started,
  skusChecked: 120,
  skusChanged: 7,
  batchesSent: 1,
  drifting: 0,
  skusNotInStore: 0,
  notInStore: [],
  finishedAt: finished,
  error: null,
  ...overrides,
});

const drift = (differences: StockDrift['differences']): StockDrift => ({
  connectionId: id,
  checkedAt: finished,
  skusChecked: 120,
  differences,
});

const connections = (items = [connection()]) => ({ body: { items, nextCursor: null } });
const runLine = () => document.querySelector('.mlc-stock-run')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('Stock sync (Overview)', () => {
  it('shows the latest run’s progress in words for the store', async () => {
    mockApi({
      'GET connections': connections(),
      [`GET connections/${id}/stock-sync`]: { body: stockRun({ drifting: 2 }) },
    });
    renderWithStore(<StockSync />);
    expect(await screen.findByText(/Last run finished/)).toBeTruthy();
    expect(screen.getByText('Stock of Main shop (https://shop.test).')).toBeTruthy();
    expect(runLine()).toBe(
      `Last run finished ${shown(finished)}: 120 SKUs checked, 7 changed, 1 batches sent. ` +
        '2 SKUs still differ from what NetSuite allows.',
    );
  });

  it('names the mapped SKUs the store has no product for', async () => {
    mockApi({
      'GET connections': connections(),
      [`GET connections/${id}/stock-sync`]: { body: stockRun({ skusNotInStore: 3, notInStore: ['MUG-1', 'MUG-2'] }) },
    });
    renderWithStore(<StockSync />);
    expect(await screen.findByText(/Last run finished/)).toBeTruthy();
    expect(runLine()).toBe(
      `Last run finished ${shown(finished)}: 120 SKUs checked, 7 changed, 1 batches sent. ` +
        '3 mapped SKUs have no product in this store (MUG-1, MUG-2, …): their stock is written once a product has ' +
        'the SKU again.',
    );
  });

  it('says when there is no run yet, and when a run failed', async () => {
    let run = stockRun({ state: 'idle', jobId: null, startedAt: null, finishedAt: null, skusChecked: 0 });
    mockApi({
      'GET connections': connections([
        connection(),
        connection({ id: 'other', name: 'Second shop', storeUrl: 'https://two.test' }),
        connection({ id: 'shopify', platform: 'shopify', name: 'Shopify shop' }),
      ]),
      [`GET connections/${id}/stock-sync`]: () => ({ body: run }),
      'GET connections/other/stock-sync': {
        body: stockRun({
          state: 'failed',
          skusChanged: 0,
          batchesSent: 0,
          error: { code: 'NETSUITE_UNAVAILABLE', message: 'NetSuite did not answer.' },
        }),
      },
    });
    renderWithStore(<StockSync />);
    expect(await screen.findByText('No stock run yet for this store.')).toBeTruthy();
    // Only WooCommerce stores are offered.
    const picker = screen.getByLabelText('Store') as HTMLSelectElement;
    expect(Array.from(picker.options).map((option) => option.textContent)).toEqual([
      'Main shop (https://shop.test)',
      'Second shop (https://two.test)',
    ]);
    run = stockRun();
    fireEvent.change(picker, { target: { value: 'other' } });
    expect(await screen.findByText(/Last run failed/)).toBeTruthy();
    expect(runLine()).toBe(
      `Last run failed ${shown(finished)} (120 SKUs checked, 0 changed, 0 batches sent): ` +
        'NetSuite did not answer. (NETSUITE_UNAVAILABLE)',
    );
  });

  it('Sync stock now posts, then reads the progress until the run has finished', async () => {
    let gets = 0;
    const progress = [
      stockRun({ state: 'running', skusChecked: 40, skusChanged: 2, batchesSent: 0, finishedAt: null }),
      stockRun({ state: 'running', skusChecked: 90, skusChanged: 5, batchesSent: 1, finishedAt: null }),
      stockRun({ skusChecked: 120, skusChanged: 9, batchesSent: 1 }),
    ];
    const gate = deferred();
    const calls = mockApi({
      'GET connections': connections(),
      [`GET connections/${id}/stock-sync`]: async () => {
        gets += 1;
        if (gets === 1) return { body: stockRun() };
        if (gets === 3) await gate.promise;
        return { body: progress[Math.min(gets - 2, progress.length - 1)] };
      },
      [`POST connections/${id}/stock-sync`]: {
        status: 202,
        body: stockRun({ state: 'queued', startedAt: null, finishedAt: null, skusChecked: 0, skusChanged: 0 }),
      },
    });
    renderWithStore(<StockSync pollMs={10} maxPolls={20} />);
    expect(await screen.findByText(/Last run finished/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Sync stock now' }));
    expect(await screen.findByText(/Running since/)).toBeTruthy();
    expect(runLine()).toBe(`Running since ${shown(started)}: 40 SKUs checked, 2 changed, 0 batches sent so far.`);
    expect(screen.getByRole('status')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Sync stock now' }) as HTMLButtonElement).disabled).toBe(true);
    gate.resolve();

    expect(await findNotice('Stock sync done: 120 SKUs checked, 9 changed, 1 batches sent.')).toBeTruthy();
    expect(runLine()).toBe(`Last run finished ${shown(finished)}: 120 SKUs checked, 9 changed, 1 batches sent.`);
    expect((screen.getByRole('button', { name: 'Sync stock now' }) as HTMLButtonElement).disabled).toBe(false);
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(1);
    expect(gets).toBe(4);
    // Polling stopped once the run ended.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(gets).toBe(4);
  });

  it('stops polling after maxPolls reads, and shows a refused start in the sidecar’s words', async () => {
    let gets = 0;
    let refuse = false;
    mockApi({
      'GET connections': connections(),
      [`GET connections/${id}/stock-sync`]: () => {
        gets += 1;
        return { body: gets === 1 ? stockRun() : stockRun({ state: 'running', finishedAt: null }) };
      },
      [`POST connections/${id}/stock-sync`]: () =>
        refuse
          ? { status: 502, body: { error: { code: 'SIDECAR_UNREACHABLE', message: 'The sidecar does not answer.' } } }
          : { status: 202, body: stockRun({ state: 'queued', finishedAt: null }) },
    });
    renderWithStore(<StockSync pollMs={5} maxPolls={3} />);
    expect(await screen.findByText(/Last run finished/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sync stock now' }));
    expect(await findNotice(/still going/)).toBeTruthy();
    expect(gets).toBe(4);

    refuse = true;
    fireEvent.click(screen.getByRole('button', { name: 'Sync stock now' }));
    expect(await findNotice('The sidecar does not answer.')).toBeTruthy();
  });

  it('Check drift lists the differences, then says when there is none', async () => {
    let differences: StockDrift['differences'] = [
      { sku: 'HOODIE-M', productId: 12, parentId: null, storefront: 5, manageStock: true, computed: 3 },
      { sku: 'CAP-RED', productId: 31, parentId: 30, storefront: null, manageStock: false, computed: 8 },
    ];
    mockApi({
      'GET connections': connections(),
      [`GET connections/${id}/stock-sync`]: { body: stockRun() },
      [`GET connections/${id}/stock-drift`]: () => ({ body: drift(differences) }),
    });
    renderWithStore(<StockSync />);
    expect(await screen.findByText(/Last run finished/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Check drift' }));
    const table = await screen.findByRole('table');
    expect(screen.getByText(`2 of 120 SKUs differ from what NetSuite allows (${shown(finished)}).`)).toBeTruthy();
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['SKU', 'Store stock', 'NetSuite allows'],
      ['HOODIE-M', '5', '3'],
      ['CAP-RED', 'Not managed', '8'],
    ]);

    differences = [];
    fireEvent.click(screen.getByRole('button', { name: 'Check drift' }));
    expect(
      await screen.findByText(`No difference: the 120 SKUs checked match what NetSuite allows (${shown(finished)}).`),
    ).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows a failed drift check in the sidecar’s words', async () => {
    mockApi({
      'GET connections': connections(),
      [`GET connections/${id}/stock-sync`]: { body: stockRun() },
      [`GET connections/${id}/stock-drift`]: {
        status: 502,
        body: { error: { code: 'WOOCOMMERCE_UNAVAILABLE', message: 'The store did not answer.' } },
      },
    });
    renderWithStore(<StockSync />);
    expect(await screen.findByText(/Last run finished/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check drift' }));
    expect(await findNotice('The store did not answer.')).toBeTruthy();
  });

  it('shows loading, then the empty state when no WooCommerce store is connected', async () => {
    const gate = deferred();
    mockApi({
      'GET connections': async () => {
        await gate.promise;
        return connections([connection({ platform: 'shopify' })]);
      },
    });
    renderWithStore(<StockSync />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    gate.resolve();
    expect(
      await screen.findByText('No WooCommerce store is connected yet: connect one on the Connection tab.'),
    ).toBeTruthy();
  });

  it('shows a failed load of the stores with Try again', async () => {
    mockApi({
      'GET connections': {
        status: 502,
        body: { error: { code: 'SIDECAR_UNREACHABLE', message: 'The sidecar does not answer.' } },
      },
    });
    renderWithStore(<StockSync />);
    expect(await findNotice(/The sidecar does not answer\./)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
