import type { Hono } from 'hono';
import { secretFor } from '../../connections/connection-secrets.ts';
import { storeDelivery } from '../../webhooks/store-delivery.ts';
import { headersToKeep, readDelivery } from '../../webhooks/woocommerce/delivery.ts';
import { routeDelivery } from '../../webhooks/woocommerce/routing.ts';
import { checkWooCommerceSignature } from '../../webhooks/woocommerce/signature.ts';
import type { AppDeps } from '../app.ts';
import { errorBody } from '../errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const utf8 = new TextDecoder();

/**
 * `POST /webhooks/woocommerce/{connectionId}`: verify the signature over the raw bytes, store the delivery and
 * enqueue its job in one transaction, then 200. No NetSuite call happens here. Shopify and Adobe Commerce get their
 * receivers with their own issues.
 */
export function registerWebhookRoutes(app: Hono, deps: AppDeps): void {
  const { db, audit, metrics, logger } = deps;
  const count = (outcome: string) => metrics.webhookDeliveries.inc({ platform: 'woocommerce', outcome });

  app.post('/webhooks/woocommerce/:connectionId', async (c) => {
    const connectionId = c.req.param('connectionId');
    const connection = UUID.test(connectionId) ? await deps.receivers.connection(connectionId) : undefined;
    if (connection?.platform !== 'woocommerce') {
      count('unknown_connection');
      return c.json(errorBody('CONNECTION_NOT_FOUND', `No WooCommerce connection has the id ${connectionId}.`), 404);
    }

    const raw = new Uint8Array(await c.req.arrayBuffer());
    const text = utf8.decode(raw);
    const delivery = readDelivery(c.req.raw.headers, text);
    if ('code' in delivery) {
      count('malformed');
      return c.json(errorBody(delivery.code, delivery.message), 400);
    }
    if (delivery.kind === 'ping') {
      count('ping');
      return c.json({ status: 'pong' }, 200);
    }

    const secret = secretFor(connection.secrets, delivery.webhookId);
    const check = secret
      ? checkWooCommerceSignature(raw, delivery.signature, secret)
      : ({ ok: false, code: 'SIGNATURE_MISMATCH' } as const);
    if (!check.ok) {
      count('bad_signature');
      logger.warn({ connectionId, topic: delivery.topic, webhookId: delivery.webhookId }, check.code);
      const reason =
        check.code === 'SIGNATURE_MISSING'
          ? 'The delivery carries no X-WC-Webhook-Signature.'
          : 'X-WC-Webhook-Signature does not match the body: the webhook secret differs from the one registered.';
      return c.json(errorBody(check.code, reason), 401);
    }

    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      count('malformed');
      return c.json(errorBody('MALFORMED_JSON', 'The delivery body is not JSON.'), 400);
    }
    const work = routeDelivery(connection.id, delivery.topic, payload);
    if (work && 'code' in work) {
      count('malformed');
      return c.json(errorBody(work.code, work.message), 400);
    }

    const stored = await storeDelivery(
      db,
      audit,
      {
        connectionId: connection.id,
        platform: 'woocommerce',
        topic: delivery.topic,
        webhookId: delivery.webhookId,
        deliveryId: delivery.deliveryId,
        body: text,
        headers: headersToKeep(c.req.raw.headers),
        work,
      },
      deps.jobMaxAttempts,
    );
    count(stored.status === 'duplicate' ? 'duplicate' : work ? 'accepted' : 'ignored_topic');
    if (stored.status === 'accepted' && stored.jobId) deps.onJobsQueued();
    logger.info(
      { connectionId, topic: delivery.topic, deliveryId: delivery.deliveryId, ...stored },
      'webhook delivery',
    );
    return c.json(stored, 200);
  });
}
