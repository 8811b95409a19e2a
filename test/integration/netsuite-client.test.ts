import { eq } from 'drizzle-orm';
import { exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../sidecar/src/audit/audit-log.ts';
import { OutboundCalls } from '../../sidecar/src/audit/outbound-call.ts';
import { type Database, openDatabase } from '../../sidecar/src/db/client.ts';
import { migrate } from '../../sidecar/src/db/migrate.ts';
import { auditEvents } from '../../sidecar/src/db/schema.ts';
import { createMetrics } from '../../sidecar/src/metrics.ts';
import type { TbaCredentials } from '../../sidecar/src/netsuite/auth/tba-signature.ts';
import { type NetSuiteClient, NetSuiteClients, type NetSuiteConnection } from '../../sidecar/src/netsuite/client.ts';
import { MemoryPermits } from '../../sidecar/src/netsuite/concurrency/permits-memory.ts';
import { NetSuiteError } from '../../sidecar/src/netsuite/errors.ts';
import { Redactor } from '../../sidecar/src/redact.ts';
import { ACCOUNT, FakeNetSuite, TOKEN_PATH } from '../support/fake-netsuite.ts';

describe('NetSuite client against a local NetSuite', () => {
  const fake = new FakeNetSuite();
  const redactor = new Redactor();
  let database: Database;
  let outbound: OutboundCalls;
  let privateKeyPem = '';
  let sleeps: number[] = [];

  beforeAll(async () => {
    await fake.start();
    const keys = await generateKeyPair('PS256', { extractable: true });
    fake.publicKey = keys.publicKey;
    privateKeyPem = await exportPKCS8(keys.privateKey);
    database = await openDatabase({});
    await migrate(database.db);
    outbound = new OutboundCalls(database.db, new AuditLog(redactor), createMetrics(database.db));
  });

  afterAll(async () => {
    await fake.stop();
    await database?.close();
  });

  beforeEach(() => {
    fake.reset();
    sleeps = [];
  });

  /** A fresh process's worth of shared state (token cache, permits), with sleeps recorded instead of waited. */
  function connect(overrides: Partial<NetSuiteConnection> = {}, clients?: NetSuiteClients): NetSuiteClient {
    const shared =
      clients ??
      new NetSuiteClients({
        database,
        outbound,
        secrets: redactor,
        permits: new MemoryPermits(),
        now: () => fake.clock.now,
        sleep: async (ms) => void sleeps.push(ms),
      });
    return shared.connect({
      accountId: ACCOUNT,
      origin: fake.url,
      auth: { kind: 'm2m', clientId: 'client-1', certificateId: 'cert-1', privateKey: privateKeyPem },
      concurrency: { cap: 4 },
      ...overrides,
    });
  }

  describe('M2M tokens', () => {
    it('fetches one token for many concurrent callers and renews it only after 55 minutes', async () => {
      const client = connect();
      fake.records.set('customer/7', { id: '7', fields: {} });
      await Promise.all(Array.from({ length: 12 }, () => client.get('customer', '7')));
      expect(fake.tokenRequests).toBe(1);
      fake.clock.now += 54 * 60_000;
      await Promise.all(Array.from({ length: 5 }, () => client.get('customer', '7')));
      expect(fake.tokenRequests).toBe(1);
      fake.clock.now += 60_001;
      await Promise.all(Array.from({ length: 5 }, () => client.get('customer', '7')));
      expect(fake.tokenRequests).toBe(2);
      const bearers = new Set(fake.requests.map((request) => request.headers.authorization));
      expect(bearers).toEqual(new Set(fake.issued.map((token) => `Bearer ${token}`)));
    });

    it('after a 401, drops the token, renews once and retries once', async () => {
      const client = connect();
      fake.records.set('customer/7', { id: '7', fields: {} });
      await client.get('customer', '7');
      fake.valid.clear();
      expect(await client.get('customer', '7')).toMatchObject({ id: '7' });
      expect(fake.tokenRequests).toBe(2);
      expect(fake.seen('GET', /customer\/7$/)).toHaveLength(3);
    });

    it('fails as NETSUITE_AUTH, permanent, when the renewed token is refused too', async () => {
      const client = connect();
      fake.refuseAll = true;
      const error = await client.get('customer', '7').catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(NetSuiteError);
      expect(error).toMatchObject({ code: 'NETSUITE_AUTH', status: 401, errorCode: 'INVALID_LOGIN', transient: false });
      expect(fake.tokenRequests).toBe(2);
      expect(fake.seen('GET', /customer\/7$/)).toHaveLength(2);
      expect(sleeps).toEqual([]);
    });

    it('reports a refused client assertion as NETSUITE_AUTH', async () => {
      const other = await generateKeyPair('PS256', { extractable: true });
      const client = connect({
        auth: { kind: 'm2m', clientId: 'client-1', certificateId: 'cert-1', privateKey: other.privateKey },
      });
      const error = await client.get('customer', '7').catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: 'NETSUITE_AUTH', errorCode: 'invalid_client', transient: false });
      expect(fake.requests).toHaveLength(0);
    });

    it('keeps the client assertion and the access token out of the audit trail', async () => {
      const client = connect();
      fake.records.set('customer/7', { id: '7', fields: {} });
      await client.get('customer', '7');
      const events = await database.db.select().from(auditEvents);
      const trail = JSON.stringify(events);
      expect(trail).toContain(TOKEN_PATH);
      expect(fake.assertions[0]?.length).toBeGreaterThan(100);
      for (const secret of [...fake.assertions, ...fake.issued]) expect(trail).not.toContain(secret);
    });
  });

  describe('TBA', () => {
    it('signs every attempt afresh, query parameters included', async () => {
      const credentials: TbaCredentials = {
        consumerKey: 'ck-0123456789',
        consumerSecret: 'cs-0123456789',
        tokenId: 'ti-0123456789',
        tokenSecret: 'ts-0123456789',
      };
      fake.tba = { credentials, realm: '1234567_SB1' };
      const client = connect({ accountId: '1234567_SB1', auth: { kind: 'tba', ...credentials } });
      fake.records.set('customer/7', { id: '7', fields: {} });
      fake.faults.push({ match: /^GET /, kind: '503', times: 1 });
      expect(await client.get('customer', '7', { fields: ['email', 'companyName'] })).toMatchObject({ id: '7' });
      const attempts = fake.seen('GET', /customer\/7$/);
      expect(attempts).toHaveLength(2);
      expect(attempts[0]?.query).toBe('?fields=email%2CcompanyName');
      const nonces = attempts.map((attempt) => attempt.headers.authorization?.match(/oauth_nonce="(\w+)"/)?.[1]);
      expect(nonces[0]).toMatch(/^\w{20}$/);
      expect(nonces[0]).not.toBe(nonces[1]);
      expect(fake.tokenRequests).toBe(0);
    });

    it('does not retry a 401: a TBA token has nothing to renew', async () => {
      fake.tba = {
        credentials: { consumerKey: 'a', consumerSecret: 'b', tokenId: 'c', tokenSecret: 'd' },
        realm: ACCOUNT,
      };
      const client = connect({
        auth: { kind: 'tba', consumerKey: 'a', consumerSecret: 'wrong', tokenId: 'c', tokenSecret: 'd' },
      });
      await expect(client.get('customer', '7')).rejects.toMatchObject({ code: 'NETSUITE_AUTH' });
      expect(fake.requests).toHaveLength(1);
    });
  });

  describe('retries', () => {
    it('absorbs a 429, waiting at least its Retry-After', async () => {
      const client = connect();
      fake.records.set('customer/7', { id: '7', fields: {} });
      fake.faults.push({ match: /^GET /, kind: '429', retryAfter: '2', times: 1 });
      expect(await client.get('customer', '7')).toMatchObject({ id: '7' });
      expect(sleeps).toHaveLength(1);
      expect(sleeps[0]).toBeGreaterThanOrEqual(2_000);
    });

    it('retries 5xx with full-jitter backoff up to the attempt limit, then fails transient', async () => {
      const client = connect({ retry: { maxAttempts: 4, baseMs: 100, capMs: 1_000 } });
      fake.faults.push({ match: /^GET /, kind: '503', times: 10 });
      const error = await client.get('customer', '7').catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: 'NETSUITE_UNAVAILABLE', status: 503, transient: true });
      expect(fake.seen('GET', /customer/)).toHaveLength(4);
      expect(sleeps).toHaveLength(3);
      for (const [i, ms] of sleeps.entries()) expect(ms).toBeLessThan(100 * 2 ** i);
    });

    it('leaves a Retry-After beyond its cap to the job ledger', async () => {
      const client = connect();
      fake.faults.push({ match: /^GET /, kind: '429', retryAfter: '120', times: 1 });
      const error = await client.get('customer', '7').catch((thrown: unknown) => thrown);
      expect(error).toMatchObject({ code: 'NETSUITE_RATE_LIMITED', retryAfterMs: 120_000, transient: true });
      expect(sleeps).toEqual([]);
    });

    it('does not retry a permanent 400, and keeps NetSuite’s detail', async () => {
      const client = connect();
      fake.faults.push({ match: /^POST /, kind: '400', times: 1 });
      const error = await client
        .create('salesOrder', { externalId: 'WOO_ORDER_1', item: { items: [] } })
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(NetSuiteError);
      expect(error).toMatchObject({
        code: 'NETSUITE_REJECTED',
        status: 400,
        errorCode: 'USER_ERROR',
        errorPath: 'item',
        transient: false,
        detail: 'Error while accessing a resource. You must enter at least one line item for this transaction.',
      });
      expect(fake.seen('POST', /salesOrder$/)).toHaveLength(1);
      expect(fake.seen('GET', /./)).toHaveLength(0);
      expect(sleeps).toEqual([]);
    });

    it('times out a hung request and retries it', async () => {
      const client = connect({ timeoutMs: 150 });
      fake.records.set('customer/7', { id: '7', fields: {} });
      fake.faults.push({ match: /^GET /, kind: 'hang', times: 1 });
      expect(await client.get('customer', '7')).toMatchObject({ id: '7' });
      expect(fake.seen('GET', /customer\/7$/)).toHaveLength(2);
    });
  });
  describe('records', () => {
    it('creates with the write headers and returns the id from Location', async () => {
      const client = connect();
      const body = { externalId: 'WOO_CUST_1', companyName: 'Acme', balance: 1234.56 };
      expect(await client.create('customer', body)).toEqual({ id: '100', alreadyDone: false });
      const [post] = fake.seen('POST', /customer$/);
      expect(post?.headers['content-type']).toBe('application/json');
      expect(post?.headers['x-netsuite-propertynamevalidation']).toBe('error');
      expect(post?.body).toBe(JSON.stringify(body));
      const events = await database.db.select().from(auditEvents);
      expect(events.some((event) => event.externalId === 'WOO_CUST_1' && event.type === 'outbound.call')).toBe(true);
    });

    it.each([
      ['a 503 after the write', '503' as const],
      ['a reset after the write', 'reset' as const],
    ])('never repeats a create lost to %s: the externalId look-up finds it', async (_, kind) => {
      const client = connect();
      fake.faults.push({ match: /^POST /, kind, afterWork: true, times: 1 });
      const externalId = `WOO_ORDER_12_${kind}`;
      const result = await client.create('salesOrder', { externalId, memo: 'x' });
      expect(result).toEqual({ id: '100', alreadyDone: true });
      expect(fake.seen('POST', /salesOrder$/)).toHaveLength(1);
      expect(fake.seen('GET', new RegExp(`salesOrder/eid:${externalId}$`))).toHaveLength(1);
      expect(fake.records.size).toBe(1);
      const calls = await database.db.select().from(auditEvents).where(eq(auditEvents.externalId, externalId));
      const lost = calls.find((call) => call.message.startsWith('POST'));
      expect(lost?.message).toMatch(kind === 'reset' ? /failed after \d+ ms/ : /→ 503/);
    });

    it('sends a create again when the look-up after a timeout finds nothing', async () => {
      const client = connect({ timeoutMs: 150 });
      fake.faults.push({ match: /^POST /, kind: 'hang', times: 1 });
      const result = await client.create('salesOrder', { externalId: 'WOO_ORDER_13' });
      expect(result).toEqual({ id: '100', alreadyDone: false });
      expect(fake.seen('POST', /salesOrder$/)).toHaveLength(2);
      expect(fake.seen('GET', /eid:WOO_ORDER_13$/)).toHaveLength(1);
    });

    it('retries a create refused with 429 without a look-up: it never ran', async () => {
      const client = connect();
      fake.faults.push({ match: /^POST /, kind: '429', times: 1 });
      expect(await client.create('salesOrder', { externalId: 'WOO_ORDER_14' })).toEqual({
        id: '100',
        alreadyDone: false,
      });
      expect(fake.seen('GET', /./)).toHaveLength(0);
    });

    it('takes the duplicate-externalId refusal as "already done"', async () => {
      const client = connect();
      fake.records.set('salesorder/55', { id: '55', externalId: 'WOO_ORDER_15', fields: {} });
      expect(await client.create('salesOrder', { externalId: 'WOO_ORDER_15' })).toEqual({
        id: '55',
        alreadyDone: true,
      });
      expect(fake.seen('POST', /salesOrder$/)).toHaveLength(1);
    });

    it('refuses a create or transform without a usable externalId before calling NetSuite', async () => {
      const client = connect();
      await expect(client.create('salesOrder', { memo: 'x' })).rejects.toThrow(/externalId/);
      await expect(client.create('salesOrder', { externalId: 'WOO|1' })).rejects.toThrow(/externalId/);
      await expect(client.transform('salesOrder', '5', 'invoice', {})).rejects.toThrow(/externalId/);
      expect(fake.requests).toHaveLength(0);
    });

    it('transforms once, looking up the new record by externalId when the answer is lost', async () => {
      const client = connect();
      fake.records.set('salesorder/5', { id: '5', fields: {} });
      fake.faults.push({ match: /!transform/, kind: '503', afterWork: true, times: 1 });
      const result = await client.transform('salesOrder', '5', 'invoice', {
        externalId: 'WOO_INV_12_1',
        item: { items: [{ orderLine: 1, quantity: 1 }] },
      });
      expect(result).toEqual({ id: '100', alreadyDone: true });
      const [post] = fake.seen('POST', /!transform/);
      expect(post?.path).toBe('/services/rest/record/v1/salesOrder/5/!transform/invoice');
      expect(fake.seen('POST', /!transform/)).toHaveLength(1);
      expect(fake.seen('GET', /invoice\/eid:WOO_INV_12_1$/)).toHaveLength(1);
    });

    it('upserts by externalId, learning the id by a look-up when there is no Location', async () => {
      const client = connect();
      expect(await client.upsert('customer', 'WOO_CUST_2', { companyName: 'A' })).toEqual({ id: '100' });
      fake.omitLocationOnUpsert = true;
      expect(await client.upsert('customer', 'WOO_CUST_2', { companyName: 'B' })).toEqual({ id: '100' });
      expect(fake.seen('PUT', /customer\/eid:WOO_CUST_2$/)).toHaveLength(2);
      expect(fake.seen('GET', /customer\/eid:WOO_CUST_2$/)).toHaveLength(1);
      expect(fake.records.get('customer/100')?.fields).toEqual({ companyName: 'B' });
      await expect(client.upsert('customer', 'WOO_CUST_2', { externalId: 'OTHER' })).rejects.toThrow(/differs/);
    });

    it('reads, patches and deletes; a missing record is undefined by externalId and false on delete', async () => {
      const client = connect();
      fake.records.set('customer/7', { id: '7', externalId: 'WOO_CUST_7', fields: { email: 'a@b.c' } });
      expect(await client.getByExternalId('customer', 'WOO_CUST_7')).toMatchObject({ id: '7', email: 'a@b.c' });
      expect(await client.getByExternalId('customer', 'WOO_CUST_8')).toBeUndefined();
      await client.get('customer', '7', { expandSubResources: true });
      expect(fake.seen('GET', /customer\/7$/)[0]?.query).toBe('?expandSubResources=true');
      await client.patch('customer', '7', { email: null }, { replace: ['addressBook'] });
      const [patch] = fake.seen('PATCH', /customer\/7$/);
      expect(patch?.query).toBe('?replace=addressBook');
      expect(patch?.headers['x-netsuite-propertynamevalidation']).toBe('error');
      expect(fake.records.get('customer/7')?.fields).toEqual({ email: null });
      expect(await client.delete('customer', '7')).toBe(true);
      expect(await client.delete('customer', '7')).toBe(false);
      await expect(client.get('customer', '7')).rejects.toMatchObject({ code: 'NETSUITE_NOT_FOUND' });
      await expect(client.get('customer', '7/../8')).rejects.toThrow(/internal id/);
    });
  });

  describe('SuiteQL', () => {
    it('pages by 1000 with Prefer: transient, yielding rows without links', async () => {
      const client = connect();
      fake.suiteQlRows = Array.from({ length: 2_345 }, (_, i) => ({ id: String(i), tranid: `SO${i}` }));
      const rows = [];
      for await (const row of client.suiteql('SELECT id, tranid FROM transaction WHERE type = ?', ['SalesOrd'])) {
        rows.push(row);
      }
      expect(rows).toHaveLength(2_345);
      expect(rows[1_234]).toEqual({ id: '1234', tranid: 'SO1234' });
      const pages = fake.seen('POST', /suiteql$/);
      expect(pages.map((page) => page.query)).toEqual([
        '?limit=1000&offset=0',
        '?limit=1000&offset=1000',
        '?limit=1000&offset=2000',
      ]);
      expect(pages[0]?.headers.prefer).toBe('transient');
      expect(JSON.parse(pages[0]?.body ?? '')).toEqual({
        q: 'SELECT id, tranid FROM transaction WHERE type = ?',
        params: ['SalesOrd'],
      });
    });

    it('fetches only the pages the caller reads', async () => {
      const client = connect();
      fake.suiteQlRows = Array.from({ length: 3_000 }, (_, i) => ({ id: String(i) }));
      for await (const row of client.suiteql('SELECT id FROM item')) if (row.id === '10') break;
      expect(fake.seen('POST', /suiteql$/)).toHaveLength(1);
    });
  });

  describe('concurrency cap', () => {
    it('never has more requests in flight than the configured cap', async () => {
      const client = connect({ concurrency: { cap: 2 } });
      fake.records.set('customer/7', { id: '7', fields: {} });
      await client.get('customer', '7');
      fake.delayMs = 20;
      await Promise.all(Array.from({ length: 12 }, () => client.get('customer', '7')));
      expect(fake.peak).toBe(2);
    });

    it('derives the cap from governanceLimits, leaving headroom, read once', async () => {
      const client = connect({ concurrency: {} });
      fake.governance = { accountConcurrencyLimit: 15, accountUnallocatedConcurrencyLimit: 10 };
      fake.records.set('customer/7', { id: '7', fields: {} });
      fake.delayMs = 20;
      await Promise.all(Array.from({ length: 24 }, () => client.get('customer', '7')));
      expect(fake.peak).toBe(8);
      expect(fake.seen('GET', /governanceLimits$/)).toHaveLength(1);
      expect(await client.governanceLimits()).toEqual(fake.governance);
    });

    it('shares one cap between the clients of one account', async () => {
      const clients = new NetSuiteClients({
        database,
        outbound,
        secrets: redactor,
        permits: new MemoryPermits(),
        now: () => fake.clock.now,
      });
      const a = connect({ concurrency: { cap: 3 } }, clients);
      const b = connect({ concurrency: { cap: 3 } }, clients);
      fake.records.set('customer/7', { id: '7', fields: {} });
      await a.get('customer', '7');
      fake.delayMs = 20;
      await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).get('customer', '7')));
      expect(fake.peak).toBe(3);
      expect(fake.tokenRequests).toBe(1);
    });
  });
});
