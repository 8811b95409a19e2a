import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { count, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeWebhookSecrets } from '../../sidecar/src/connections/connection-secrets.ts';
import { connections, inboundEvents, jobs, netsuiteAccounts } from '../../sidecar/src/db/schema.ts';
import { lastDeliveryAt } from '../../sidecar/src/webhooks/last-delivery.ts';
import { registerNetSuiteAccount, unusedNetSuiteAccount } from '../support/connector-setup.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

/** Deliveries recorded from a real WooCommerce 11.0.1, with the test-only secret each webhook was created with. */
const FIXTURES = new URL('../../../shared/fixtures/woocommerce/', import.meta.url);

interface Fixture {
  topic: string;
  raw_headers: [string, string][];
  body_raw: string;
  webhook_secret: string | null;
}

const fixture = (name: string): Fixture => JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8'));
const SIGNED = ['order.created', 'order.updated', 'order.updated-after-refunds', 'customer.created'];
const ALL_SIGNED = [...SIGNED, 'product.updated', 'action.woocommerce_order_refunded'];

/** What the transport sets, not the sender: left to fetch. */
const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding']);
interface Answer {
  status: string;
  eventId: string;
  jobId?: string;
}

const errorCode = async (response: Response) => ((await response.json()) as { error: { code: string } }).error.code;
const answerOf = async (response: Response) => (await response.json()) as Answer;
const sign = (body: string, secret: string) => createHmac('sha256', secret).update(body).digest('base64');

describe.each(databaseKinds())('WooCommerce webhook receiver [%s]', (kind) => {
  let harness: TestSidecar;
  let connectionId = '';
  const mainSecret = randomBytes(24).toString('base64url');

  function deliver(headers: [string, string][], body: string, to = connectionId) {
    return fetch(`${harness.sidecar.url}/webhooks/woocommerce/${to}`, {
      method: 'POST',
      headers: headers.filter(([name]) => !TRANSPORT_HEADERS.has(name.toLowerCase())),
      body,
    });
  }
  const replay = (name: string) => deliver(fixture(name).raw_headers, fixture(name).body_raw);
  const withHeader = (headers: [string, string][], name: string, value: string): [string, string][] => [
    ...headers.filter(([key]) => key.toLowerCase() !== name.toLowerCase()),
    [name, value],
  ];
  const stored = async () => {
    const { db } = harness.sidecar.database;
    const [events] = await db.select({ n: count() }).from(inboundEvents);
    const [queued] = await db.select({ n: count() }).from(jobs);
    return { events: Number(events?.n), jobs: Number(queued?.n) };
  };

  beforeAll(async () => {
    harness = await startTestSidecar(kind, { env: { MLC_BODY_LIMIT_BYTES: '65536' } });
    const { db } = harness.sidecar.database;
    const accountId = uuidv7();
    connectionId = uuidv7();
    await db.insert(netsuiteAccounts).values({ id: accountId, accountId: 'TSTDRV1234567', authType: 'm2m' });
    await db.insert(connections).values({
      id: connectionId,
      platform: 'woocommerce',
      name: 'Recorded shop',
      storeUrl: 'http://127.0.0.1:8080/',
      netsuiteAccountId: accountId,
      settings: {},
    });
    const byWebhookId: Record<string, string> = {};
    for (const name of ALL_SIGNED) {
      const recorded = fixture(name);
      const webhookId = new Headers(recorded.raw_headers).get('x-wc-webhook-id') ?? '';
      byWebhookId[webhookId] = recorded.webhook_secret ?? '';
    }
    await storeWebhookSecrets(harness.sidecar.vault, connectionId, { webhookSecret: mainSecret, byWebhookId });
  });
  afterAll(() => harness.close());

  it('replays the recorded deliveries verbatim, each verified with its own webhook secret', async () => {
    const answers: Record<string, Answer> = {};
    for (const name of ALL_SIGNED) {
      const response = await replay(name);
      expect({ name, status: response.status }).toEqual({ name, status: 200 });
      answers[name] = await answerOf(response);
    }
    const jobOf = async (name: string) => {
      const jobId = answers[name]?.jobId;
      if (!jobId) return undefined;
      const [job] = await harness.sidecar.database.db.select().from(jobs).where(eq(jobs.id, jobId));
      return job;
    };
    const orderKey = `woocommerce:${connectionId}:order:12`;
    expect(await jobOf('order.created')).toMatchObject({ kind: 'woocommerce.order', entityKey: orderKey });
    expect(await jobOf('order.updated')).toMatchObject({ kind: 'woocommerce.order', entityKey: orderKey });
    expect(await jobOf('action.woocommerce_order_refunded')).toMatchObject({
      kind: 'woocommerce.order-refunded',
      entityKey: orderKey,
    });
    const customer = JSON.parse(fixture('customer.created').body_raw) as { id: number };
    expect(await jobOf('customer.created')).toMatchObject({
      kind: 'woocommerce.customer',
      entityKey: `woocommerce:${connectionId}:customer:${customer.id}`,
    });
    expect(answers['product.updated']).toMatchObject({ status: 'accepted' });
    expect(answers['product.updated']?.jobId).toBeUndefined();

    const [event] = await harness.sidecar.database.db
      .select()
      .from(inboundEvents)
      .where(eq(inboundEvents.id, answers['order.created']?.eventId ?? ''));
    expect(event?.body).toBe(fixture('order.created').body_raw);
    expect(event?.headers).toMatchObject({ 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-id': '1' });
    expect(await lastDeliveryAt(harness.sidecar.database.db, connectionId)).toBeInstanceOf(Date);
  });

  it('receives at the webhookUrl a connection created through the admin API, and stops once it is deleted', async () => {
    const netsuiteAccountId = await registerNetSuiteAccount(harness, unusedNetSuiteAccount('TSTDRV7654321'));
    const webhookSecret = randomBytes(24).toString('base64url');
    const created = await harness.call('/api/v1/connections', {
      method: 'POST',
      body: JSON.stringify({
        platform: 'woocommerce',
        name: 'Shop via API',
        storeUrl: 'https://shop.example.com',
        netsuiteAccountId,
        webhookSecret,
        credentials: {
          consumerKey: `ck_${randomBytes(20).toString('hex')}`,
          consumerSecret: randomBytes(20).toString('hex'),
        },
        settings: { masterLocationId: '1' },
      }),
    });
    expect(created.status).toBe(201);
    const { id, webhookUrl } = (await created.json()) as { id: string; webhookUrl: string };
    expect(webhookUrl).toBe(`${harness.sidecar.url}/webhooks/woocommerce/${id}`);
    const body = JSON.stringify({ id: 7, status: 'processing' });
    const headers = {
      'content-type': 'application/json',
      'x-wc-webhook-topic': 'order.created',
      'x-wc-webhook-id': '9',
      'x-wc-webhook-delivery-id': randomBytes(16).toString('hex'),
      'x-wc-webhook-signature': sign(body, webhookSecret),
    };
    expect((await fetch(webhookUrl, { method: 'POST', headers, body })).status).toBe(200);
    expect((await harness.call(`/api/v1/connections/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(webhookUrl, { method: 'POST', headers, body })).status).toBe(404);
  });

  it('answers the creation ping with 200 and starts nothing', async () => {
    const before = await stored();
    const response = await replay('ping');
    expect(response.status).toBe(200);
    expect(await stored()).toEqual(before);
  });

  it('recognises an exact redelivery: the same delivery three times is one event and one job', async () => {
    const recorded = fixture('order.updated');
    const headers = withHeader(recorded.raw_headers, 'X-WC-Webhook-Delivery-ID', randomBytes(16).toString('hex'));
    const before = await stored();
    const answers: Answer[] = [];
    for (let i = 0; i < 3; i++) answers.push(await answerOf(await deliver(headers, recorded.body_raw)));
    expect(answers.map((answer) => answer.status)).toEqual(['accepted', 'duplicate', 'duplicate']);
    expect(new Set(answers.map((answer) => answer.eventId)).size).toBe(1);
    expect(await stored()).toEqual({ events: before.events + 1, jobs: before.jobs + 1 });
  });

  it('keeps two different deliveries that share a delivery id (WooCommerce derives it from the second)', async () => {
    const secret = fixture('order.updated').webhook_secret ?? '';
    const sharedId = randomBytes(16).toString('hex');
    const before = await stored();
    for (const name of ['order.updated', 'order.updated-after-refunds']) {
      const recorded = fixture(name);
      const headers = withHeader(recorded.raw_headers, 'X-WC-Webhook-Delivery-ID', sharedId);
      const response = await deliver(
        withHeader(headers, 'X-WC-Webhook-Signature', sign(recorded.body_raw, secret)),
        recorded.body_raw,
      );
      expect((await answerOf(response)).status).toBe('accepted');
    }
    expect(await stored()).toEqual({ events: before.events + 2, jobs: before.jobs + 2 });
  });

  it('verifies a webhook without a secret of its own against the connection secret', async () => {
    const body = JSON.stringify({ id: 4242, status: 'processing', total: '29.35' });
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-WC-Webhook-Topic', 'order.updated'],
      ['X-WC-Webhook-ID', '77'],
      ['X-WC-Webhook-Delivery-ID', randomBytes(16).toString('hex')],
      ['X-WC-Webhook-Signature', sign(body, mainSecret)],
    ];
    expect((await deliver(headers, body)).status).toBe(200);
  });

  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    const recorded = fixture('order.created');
    const before = await stored();
    const unsigned = recorded.raw_headers.filter(([name]) => name !== 'X-WC-Webhook-Signature');
    const forged = withHeader(
      recorded.raw_headers,
      'X-WC-Webhook-Signature',
      sign(recorded.body_raw, 'not-the-secret'),
    );
    const tampered = recorded.body_raw.replace('"total":"', '"total":"1');
    for (const [headers, body, code] of [
      [unsigned, recorded.body_raw, 'SIGNATURE_MISSING'],
      [forged, recorded.body_raw, 'SIGNATURE_MISMATCH'],
      [recorded.raw_headers, tampered, 'SIGNATURE_MISMATCH'],
    ] as const) {
      const response = await deliver([...headers], body);
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe(code);
    }
    expect(await stored()).toEqual(before);
    const metrics = await harness.call('/metrics', { authorization: null });
    expect(metrics.text).toMatch(/mlc_webhook_deliveries_total\{platform="woocommerce",outcome="bad_signature"\} 3/);
  });

  it('answers an unknown connection 404, an oversized body 413, malformed JSON and missing headers 400', async () => {
    const recorded = fixture('order.created');
    expect((await deliver(recorded.raw_headers, recorded.body_raw, uuidv7())).status).toBe(404);
    expect((await deliver(recorded.raw_headers, recorded.body_raw, 'not-a-connection')).status).toBe(404);

    const big = JSON.stringify({ id: 1, padding: 'x'.repeat(100_000) });
    const oversized = await deliver(withHeader(recorded.raw_headers, 'X-WC-Webhook-Signature', sign(big, 'x')), big);
    expect(oversized.status).toBe(413);

    const secret = recorded.webhook_secret ?? '';
    const broken = '{"id":12,"status":';
    const malformed = await deliver(
      withHeader(recorded.raw_headers, 'X-WC-Webhook-Signature', sign(broken, secret)),
      broken,
    );
    expect(malformed.status).toBe(400);
    expect(await errorCode(malformed)).toBe('MALFORMED_JSON');

    const noId = JSON.stringify({ status: 'processing' });
    const anonymous = await deliver(
      withHeader(recorded.raw_headers, 'X-WC-Webhook-Signature', sign(noId, secret)),
      noId,
    );
    expect(await errorCode(anonymous)).toBe('PAYLOAD_INVALID');

    const headerless = await deliver([['Content-Type', 'application/json']], recorded.body_raw);
    expect(headerless.status).toBe(400);
    expect(await errorCode(headerless)).toBe('MISSING_HEADER');
  });
});
