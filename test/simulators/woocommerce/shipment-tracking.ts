/**
 * The Shipment Tracking extension's REST API (storefronts spec §1.7, WooCommerce.com docs [S15]), under
 * `/wp-json/wc-shipment-tracking/v3/`, answered only while `settings.shipmentTracking` is on; otherwise WordPress has
 * no such route (`rest_no_route`, 404). Tracking items belong to an order and go with it.
 */
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { Order } from './model.ts';
import { answer } from './responses.ts';
import type { Env, Permission } from './rest.ts';
import type { WooCommerceSimulator } from './simulator.ts';
import { WooSimError } from './store.ts';

export interface TrackingItem {
  tracking_id: string;
  tracking_provider: string;
  custom_tracking_provider?: string;
  tracking_link: string;
  tracking_number: string;
  date_shipped: string;
}

/** A few of the extension's built-in providers, by country, with their tracking link templates. */
const PROVIDERS: Record<string, Record<string, string>> = {
  'United States': {
    UPS: 'https://www.ups.com/track?tracknum=%1$s',
    USPS: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=%1$s',
    FedEx: 'https://www.fedex.com/fedextrack/?tracknumbers=%1$s',
    'DHL US': 'https://www.dhl.com/us-en/home/tracking.html?tracking-id=%1$s',
  },
  'United Kingdom': { 'Royal Mail': 'https://www.royalmail.com/track-your-item#/tracking-results/%1$s' },
};

const trackings = new WeakMap<Order, TrackingItem[]>();

/** The tracking items of an order, oldest first (for tests). */
export const trackingItemsOf = (order: Order): readonly TrackingItem[] => trackings.get(order) ?? [];

const NO_ROUTE = () => new WooSimError(404, 'rest_no_route', 'No route was found matching the URL and request method.');

export function registerShipmentTrackingRoutes(
  rest: Hono<Env>,
  sim: WooCommerceSimulator,
  allow: (c: Context, permission: Permission) => void,
): void {
  const base = '/wc-shipment-tracking/v3';
  const active = () => {
    if (!sim.settings.shipmentTracking) throw NO_ROUTE();
  };
  const orderOf = (id: string | undefined) => {
    const order = sim.store.orders.get(Number(id));
    if (!order) throw new WooSimError(404, 'woocommerce_rest_order_invalid_id', 'Invalid order ID.');
    return order;
  };

  rest.get(`${base}/shipment-trackings/providers`, (c) => {
    active();
    allow(c, 'list');
    return answer(c, 200, PROVIDERS);
  });

  rest.get(`${base}/orders/:id{[0-9]+}/shipment-trackings`, (c) => {
    active();
    allow(c, 'list');
    return answer(c, 200, trackingItemsOf(orderOf(c.req.param('id'))));
  });

  rest.post(`${base}/orders/:id{[0-9]+}/shipment-trackings`, async (c) => {
    active();
    allow(c, 'create');
    const order = orderOf(c.req.param('id'));
    const body = JSON.parse(c.get('raw') || '{}') as Record<string, unknown>;
    const number = typeof body.tracking_number === 'string' ? body.tracking_number.trim() : '';
    if (number === '') {
      throw new WooSimError(400, 'rest_missing_callback_param', 'Missing parameter(s): tracking_number', {
        params: ['tracking_number'],
      });
    }
    const provider = typeof body.tracking_provider === 'string' ? body.tracking_provider : '';
    const template = Object.values(PROVIDERS)
      .flatMap((list) => Object.entries(list))
      .find(([name]) => name.toLowerCase() === provider.toLowerCase())?.[1];
    const custom = typeof body.custom_tracking_provider === 'string' ? body.custom_tracking_provider : undefined;
    const item: TrackingItem = {
      tracking_id: createHash('md5').update(`${order.id}:${number}:${Date.now()}:${Math.random()}`).digest('hex'),
      tracking_provider: template ? provider : '',
      ...(custom && !template ? { custom_tracking_provider: custom } : {}),
      tracking_link: template
        ? template.replace('%1$s', encodeURIComponent(number))
        : typeof body.custom_tracking_link === 'string'
          ? body.custom_tracking_link
          : '',
      tracking_number: number,
      date_shipped: typeof body.date_shipped === 'string' ? body.date_shipped : new Date().toISOString().slice(0, 10),
    };
    trackings.set(order, [...trackingItemsOf(order), item]);
    const location = `${sim.home()}/wp-json${base}/orders/${order.id}/shipment-trackings/${item.tracking_id}`;
    return answer(c, 201, item, { Location: location });
  });
}
