import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deferred, mockApi } from '../../test/fetch-mock.ts';
import { heldOrder } from '../../test/fixtures.ts';
import { findNotice, renderWithStore } from '../../test/render.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';

const order = heldOrder();
const other = heldOrder({
  id: '0190a000-0000-7000-8000-000000000002',
  jobId: '0190a000-0000-7000-8000-000000000002',
  code: 'UNMAPPED_SHIPPING_METHOD',
  reason: 'Shipping method "flat_rate" has no NetSuite shipping item. Map it under Mappings.',
  skus: [],
  order: { number: '1043', total: '12.00' },
});

describe('Review queue screen', () => {
  it('shows loading, then each held order with its reason', async () => {
    mockApi({ 'GET review-queue': { body: { items: [order, other], nextCursor: null } } });
    renderWithStore(<ReviewQueue />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    expect(await screen.findByText('SKU "TS-RED-M" has no NetSuite item. Map it in Review queue.')).toBeTruthy();
    expect(screen.getByText(/#1043/)).toBeTruthy();
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('says so when nothing is held', async () => {
    mockApi({ 'GET review-queue': { body: { items: [], nextCursor: null } } });
    renderWithStore(<ReviewQueue />);
    expect(await screen.findByText('Nothing waits for you: no order is held.')).toBeTruthy();
  });

  it('shows the error in words and loads again on Try again', async () => {
    let fail = true;
    mockApi({
      'GET review-queue': () =>
        fail
          ? { status: 409, body: { error: { code: 'NOT_PAIRED', message: 'Pair WordPress with the sidecar first.' } } }
          : { body: { items: [order], nextCursor: null } },
    });
    renderWithStore(<ReviewQueue />);
    expect(await findNotice(/Pair WordPress with the sidecar first\./)).toBeTruthy();
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/#1042/)).toBeTruthy();
  });

  it('maps the missing SKU inline with the NetSuite item picker, and the released order leaves the queue', async () => {
    let queue = [order, other];
    const calls = mockApi({
      'GET review-queue': () => ({ body: { items: queue, nextCursor: null } }),
      'GET netsuite/items': {
        body: {
          items: [
            { id: '512', itemId: 'TS-RED-M', displayName: 'T-shirt red M', type: 'InvtPart' },
            { id: '513', itemId: 'TS-RED-L', displayName: 'T-shirt red L', type: 'InvtPart' },
          ],
        },
      },
      'PUT sku-mappings/TS-RED-M': () => {
        queue = [other];
        return { body: { sku: 'TS-RED-M', netsuiteItemId: '512', connectionId: null, released: 1 } };
      },
    });
    renderWithStore(<ReviewQueue />);
    fireEvent.click(await screen.findByRole('button', { name: 'Map SKU “TS-RED-M”' }));

    // Nothing chosen yet: the form says what is missing and sends nothing.
    fireEvent.click(screen.getByRole('button', { name: 'Map “TS-RED-M”' }));
    expect(screen.getByText('Choose the NetSuite item SKU “TS-RED-M” sells as.')).toBeTruthy();
    expect(calls.some((call) => call.method === 'PUT')).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    const picker = await screen.findByLabelText('NetSuite item');
    const search = calls.find((call) => call.url.pathname.endsWith('/netsuite/items'));
    expect(search?.url.searchParams.get('q')).toBe('TS-RED-M');
    fireEvent.change(picker, { target: { value: '512' } });
    fireEvent.click(screen.getByRole('button', { name: 'Map “TS-RED-M”' }));

    expect(await findNotice('SKU “TS-RED-M” mapped to NetSuite item #512; 1 held order released.')).toBeTruthy();
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ netsuiteItemId: '512' });
    await waitFor(() => expect(screen.queryByText(/#1042/)).toBeNull());
    expect(screen.getByText(/#1043/)).toBeTruthy();
  });

  it('releases the selected orders and reports how many went', async () => {
    const calls = mockApi({
      'GET review-queue': { body: { items: [order, other], nextCursor: null } },
      [`POST review-queue/${order.id}/release`]: { body: { id: order.id, state: 'queued' } },
      [`POST review-queue/${other.id}/release`]: { body: { id: other.id, state: 'queued' } },
    });
    renderWithStore(<ReviewQueue />);
    const release = await screen.findByRole('button', { name: 'Release selected (0)' });
    expect((release as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByLabelText('Select order 1042'));
    fireEvent.click(screen.getByLabelText('Select order 1043'));
    fireEvent.click(screen.getByRole('button', { name: 'Release selected (2)' }));

    expect(await findNotice('2 orders released.')).toBeTruthy();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url.pathname)).toEqual([
      `/wp-json/ml-connector/v1/review-queue/${order.id}/release`,
      `/wp-json/ml-connector/v1/review-queue/${other.id}/release`,
    ]);
    expect(await screen.findByText('Nothing waits for you: no order is held.')).toBeTruthy();
  });

  it('shows the progress of a bulk release and lists each refusal with its reason', async () => {
    const gate = deferred();
    const third = heldOrder({
      id: '0190a000-0000-7000-8000-000000000003',
      jobId: '0190a000-0000-7000-8000-000000000003',
      order: { number: '1044', total: '8.00' },
    });
    mockApi({
      'GET review-queue': { body: { items: [order, other, third], nextCursor: null } },
      [`POST review-queue/${order.id}/release`]: {
        status: 409,
        body: { error: { code: 'JOB_NOT_HELD', message: 'The job is no longer held.' } },
      },
      [`POST review-queue/${other.id}/release`]: async () => {
        await gate.promise;
        return { body: { id: other.id, state: 'queued' } };
      },
      [`POST review-queue/${third.id}/release`]: {
        status: 404,
        body: { error: { code: 'JOB_NOT_FOUND', message: 'No job has that id.' } },
      },
    });
    renderWithStore(<ReviewQueue />);
    for (const number of ['1042', '1043', '1044'])
      fireEvent.click(await screen.findByLabelText(`Select order ${number}`));
    fireEvent.click(screen.getByRole('button', { name: 'Release selected (3)' }));

    // Half-way: the first refused, the second under way.
    expect(await screen.findByText('Releasing: 1 of 3 done, 1 refused…')).toBeTruthy();
    const bar = screen.getByLabelText('Release progress') as HTMLProgressElement;
    expect([bar.value, bar.max]).toEqual([1, 3]);
    gate.resolve();

    expect(await findNotice('1 order released.')).toBeTruthy();
    expect(screen.getByText('2 orders were not released:')).toBeTruthy();
    expect(screen.getByText('#1042: The job is no longer held.')).toBeTruthy();
    expect(screen.getByText('#1044: No job has that id.')).toBeTruthy();
    expect(screen.queryByText(/Releasing:/)).toBeNull();
    await waitFor(() => expect(screen.queryByText(/#1043/)).toBeNull());
  });
});
