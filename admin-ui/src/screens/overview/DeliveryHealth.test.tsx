import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deferred, mockApi } from '../../../test/fetch-mock.ts';
import { connection } from '../../../test/fixtures.ts';
import { findNotice, renderWithStore } from '../../../test/render.tsx';
import type { StoreWebhookHealth, WebhookActivated, WebhookSeen } from '../../api/webhook-health.ts';
import { DeliveryHealth } from './DeliveryHealth.tsx';

const id = '0190a000-0000-7000-8000-0000000000c1';
const other = '0190a000-0000-7000-8000-0000000000c2';
const lastDelivery = '2026-11-23T08:00:00.000Z';
const checked = '2026-11-23T10:00:00.000Z';
const offSince = '2026-11-23T09:00:00.000Z';
const shown = (iso: string) => new Date(iso).toLocaleString();

const webhook = (overrides: Partial<WebhookSeen> = {}): WebhookSeen => ({
  id: 11,
  name: 'ml-connector order.created',
  topic: 'order.created',
  status: 'active',
  failureCount: null,
  modifiedAt: checked,
  notActiveSince: null,
  ...overrides,
});

const health = (overrides: Partial<StoreWebhookHealth> = {}): StoreWebhookHealth => ({
  connectionId: id,
  lastDeliveryAt: lastDelivery,
  deliveries: { state: 'ok', allowedSilenceMs: 6 * 3_600_000, silentForMs: 2 * 3_600_000 },
  checkedAt: checked,
  webhooks: [webhook(), webhook({ id: 12, topic: 'order.updated', status: 'disabled', notActiveSince: offSince })],
  missingTopics: [],
  error: null,
  ...overrides,
});

const connections = (items = [connection()]) => ({ body: { items, nextCursor: null } });
const rowOf = (topic: string) => screen.getByText(topic).closest('tr') as HTMLElement;

describe('Webhook deliveries as the sidecar sees them (Overview)', () => {
  it('shows the last delivery and the webhooks as last read, with Re-enable only on the one that is off', async () => {
    mockApi({
      'GET connections': connections(),
      [`GET connections/${id}/webhook-health`]: { body: health() },
    });
    renderWithStore(<DeliveryHealth />);
    expect(await screen.findByText(`Last delivery received: ${shown(lastDelivery)}.`)).toBeTruthy();
    expect(screen.getByText('Deliveries from Main shop (https://shop.test), as the sidecar sees them.')).toBeTruthy();
    expect(screen.getByText(`The connector’s webhooks as the sidecar read them ${shown(checked)}:`)).toBeTruthy();
    expect(within(rowOf('order.created')).queryByRole('button')).toBeNull();
    const off = rowOf('order.updated');
    expect(within(off).getByText('disabled')).toBeTruthy();
    expect(within(off).getByText(shown(offSince))).toBeTruthy();
    expect(within(off).getByRole('button', { name: 'Re-enable and backfill' })).toBeTruthy();
  });

  it('warns of a silent store, a missing topic and a check that could not read the store', async () => {
    mockApi({
      'GET connections': connections(),
      [`GET connections/${id}/webhook-health`]: {
        body: health({
          deliveries: { state: 'silent', allowedSilenceMs: 6 * 3_600_000, silentForMs: 30 * 3_600_000 },
          missingTopics: ['customer.created'],
          error: { code: 'WOOCOMMERCE_UNAUTHORIZED', message: 'The store refused the API key.' },
        }),
      },
    });
    renderWithStore(<DeliveryHealth />);
    expect(
      await findNotice(
        'No delivery for 30 h, longer than this store is usually quiet (6 h): a webhook may be off, or WooCommerce ' +
          'may not reach the sidecar.',
      ),
    ).toBeTruthy();
    expect(
      await findNotice(
        'No webhook of the connector delivers customer.created: connect the store again on the Connection tab to ' +
          'recreate it.',
      ),
    ).toBeTruthy();
    expect(
      await findNotice(
        'The last check could not read the store’s webhooks: The store refused the API key. (WOOCOMMERCE_UNAUTHORIZED)',
      ),
    ).toBeTruthy();
  });

  it('says when nothing was delivered or read yet, and when traffic is too thin to judge', async () => {
    mockApi({
      'GET connections': connections(),
      [`GET connections/${id}/webhook-health`]: {
        body: health({
          lastDeliveryAt: null,
          deliveries: { state: 'learning', allowedSilenceMs: null, silentForMs: null },
          checkedAt: null,
          webhooks: [],
        }),
      },
    });
    renderWithStore(<DeliveryHealth />);
    expect(await screen.findByText(/The sidecar has received no delivery from this store yet\./)).toBeTruthy();
    expect(screen.getByText(/Too little traffic in the last week/)).toBeTruthy();
    expect(screen.getByText(/has not read this store’s webhooks yet/)).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('re-enables through the sidecar and shows what the backfill queued', async () => {
    const answer = deferred();
    const activated: WebhookActivated = {
      webhook: webhook({ id: 12, topic: 'order.updated' }),
      backfill: {
        status: 'finished',
        message: 'Polled 1 WooCommerce store: 3 orders and 0 customers whose webhooks never came enqueued.',
      },
    };
    const calls = mockApi({
      'GET connections': connections(),
      [`GET connections/${id}/webhook-health`]: { body: health() },
      [`POST connections/${id}/webhooks/12/activate`]: async () => {
        await answer.promise;
        return { body: activated };
      },
    });
    renderWithStore(<DeliveryHealth />);
    fireEvent.click(await screen.findByRole('button', { name: 'Re-enable and backfill' }));
    const button = screen.getByRole('button', { name: 'Re-enable and backfill' });
    expect(button.getAttribute('aria-disabled') ?? button.getAttribute('disabled')).not.toBeNull();
    answer.resolve();
    expect(
      await findNotice(
        'Webhook order.updated is active again. Backfill: Polled 1 WooCommerce store: 3 orders and 0 customers whose ' +
          'webhooks never came enqueued.',
      ),
    ).toBeTruthy();
    expect(within(rowOf('order.updated')).getByText('active')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Re-enable and backfill' })).toBeNull();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.url.pathname)).toEqual([
      `/wp-json/ml-connector/v1/connections/${id}/webhooks/12/activate`,
    ]);
  });

  it('shows the sidecar’s refusal, and a backfill still running as a warning', async () => {
    let reply: { status?: number; body: unknown } = {
      status: 409,
      body: { error: { code: 'WEBHOOK_NOT_THE_CONNECTORS', message: 'Webhook 12 delivers elsewhere.' } },
    };
    mockApi({
      'GET connections': connections(),
      [`GET connections/${id}/webhook-health`]: { body: health() },
      [`POST connections/${id}/webhooks/12/activate`]: () => reply,
    });
    renderWithStore(<DeliveryHealth />);
    fireEvent.click(await screen.findByRole('button', { name: 'Re-enable and backfill' }));
    expect(await findNotice('Webhook 12 delivers elsewhere.')).toBeTruthy();

    reply = {
      body: {
        webhook: webhook({ id: 12, topic: 'order.updated' }),
        backfill: { status: 'running', message: 'The backfill goes on; see Schedules for its result.' },
      },
    };
    fireEvent.click(screen.getByRole('button', { name: 'Re-enable and backfill' }));
    const notice = await findNotice(/Webhook order\.updated is active again\. Backfill: The backfill goes on/);
    expect(notice.closest('.components-notice')?.classList.contains('is-warning')).toBe(true);
  });

  it('reads the store chosen in the picker, WooCommerce stores only', async () => {
    const calls = mockApi({
      'GET connections': connections([
        connection(),
        connection({ id: other, name: 'Second shop', storeUrl: 'https://two.test' }),
        connection({ id: 'shopify', platform: 'shopify', name: 'Shopify shop' }),
      ]),
      [`GET connections/${id}/webhook-health`]: { body: health() },
      [`GET connections/${other}/webhook-health`]: {
        body: health({ connectionId: other, lastDeliveryAt: checked, webhooks: [webhook()] }),
      },
    });
    renderWithStore(<DeliveryHealth />);
    const picker = (await screen.findByLabelText('Store')) as HTMLSelectElement;
    expect([...picker.options].map((option) => option.textContent)).toEqual([
      'Main shop (https://shop.test)',
      'Second shop (https://two.test)',
    ]);
    fireEvent.change(picker, { target: { value: other } });
    expect(await screen.findByText(`Last delivery received: ${shown(checked)}.`)).toBeTruthy();
    expect(calls.some((call) => call.url.pathname.includes('connections/shopify'))).toBe(false);
  });
});
