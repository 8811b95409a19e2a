import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, orderLinks } from '../../sidecar/src/db/schema.ts';
import {
  createWooCommerceConnection,
  registerNetSuiteAccount,
  unusedNetSuiteAccount,
} from '../support/connector-setup.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

const DAY_MS = 24 * 3600 * 1000;

/** Noon (UTC) `daysAgo` days before today: safely inside that UTC day. */
const noon = (daysAgo: number) => {
  const today = new Date();
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 12) - daysAgo * DAY_MS);
};
const dateOf = (daysAgo: number) => noon(daysAgo).toISOString().slice(0, 10);

describe.each(databaseKinds())('admin API: GET /stats/orders-per-day [%s]', (kind) => {
  let harness: TestSidecar;
  let storeA = '';
  let storeB = '';

  const stats = (query = '') => harness.call(`/api/v1/stats/orders-per-day${query}`);
  const day = (body: { days: { date: string }[] }, daysAgo: number) =>
    body.days.find((entry) => entry.date === dateOf(daysAgo));

  beforeAll(async () => {
    harness = await startTestSidecar(kind);
    const netsuiteAccountId = await registerNetSuiteAccount(harness, unusedNetSuiteAccount());
    const connection = (name: string) =>
      createWooCommerceConnection(harness, {
        name,
        storeUrl: `https://${name}.example.com/`,
        netsuiteAccountId,
        settings: { masterLocationId: '1' },
      });
    storeA = (await connection('a')).connectionId;
    storeB = (await connection('b')).connectionId;

    const { db } = harness.sidecar.database;
    const link = (connectionId: string, orderId: string, daysAgo: number) => ({
      connectionId,
      orderId,
      salesOrderId: `9${orderId}`,
      lastModifiedGmt: '2025-01-01T00:00:00Z',
      createdAt: noon(daysAgo),
      // Rewritten since: only the first write counts.
      updatedAt: noon(0),
    });
    await db
      .insert(orderLinks)
      .values([
        link(storeA, '1', 0),
        link(storeA, '2', 0),
        link(storeA, '3', 2),
        link(storeA, '4', 20),
        link(storeB, '5', 1),
      ]);
    const transition = (type: 'job.held' | 'job.dead', jobId: string, entityKey: string, at: Date) => ({
      id: uuidv7(),
      at,
      type,
      jobId,
      entityKey,
      message: `${type} for the test`,
    });
    const [heldTwice, heldYesterday, deadJob, customerJob, storeBJob] = [
      uuidv7(),
      uuidv7(),
      uuidv7(),
      uuidv7(),
      uuidv7(),
    ];
    await db.insert(auditEvents).values([
      // Held, released and held again the same day: one job held that day.
      transition('job.held', heldTwice, `woocommerce:${storeA}:order:1`, new Date(noon(0).getTime() - 3600_000)),
      transition('job.held', heldTwice, `woocommerce:${storeA}:order:1`, noon(0)),
      transition('job.held', heldYesterday, `woocommerce:${storeA}:order:6`, noon(1)),
      transition('job.dead', deadJob, `woocommerce:${storeA}:order:7`, noon(3)),
      // Not an order: a customer job's hold is no order held.
      transition('job.held', customerJob, `woocommerce:${storeA}:customer:9`, noon(0)),
      transition('job.held', storeBJob, `woocommerce:${storeB}:order:5`, noon(0)),
      transition('job.dead', storeBJob, `woocommerce:${storeB}:order:5`, noon(40)),
    ]);
  });
  afterAll(() => harness?.close());

  it('answers 14 UTC days by default, oldest first, every day present', async () => {
    const response = await stats();
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.timeZone).toBe('UTC');
    expect(body.days.map((entry: { date: string }) => entry.date)).toEqual(
      Array.from({ length: 14 }, (_, index) => dateOf(13 - index)),
    );
    expect(day(body, 0)).toEqual({ date: dateOf(0), synced: 2, held: 2, dead: 0 });
    expect(day(body, 1)).toEqual({ date: dateOf(1), synced: 1, held: 1, dead: 0 });
    expect(day(body, 2)).toEqual({ date: dateOf(2), synced: 1, held: 0, dead: 0 });
    expect(day(body, 3)).toEqual({ date: dateOf(3), synced: 0, held: 0, dead: 1 });
    expect(day(body, 13)).toEqual({ date: dateOf(13), synced: 0, held: 0, dead: 0 });
    const totals = body.days.reduce(
      (sum: number, entry: { synced: number; held: number; dead: number }) =>
        sum + entry.synced + entry.held + entry.dead,
      0,
    );
    expect(totals).toBe(8);
  });

  it('narrows to one connection', async () => {
    const a = (await stats(`?connectionId=${storeA}`)).json();
    expect(day(a, 0)).toEqual({ date: dateOf(0), synced: 2, held: 1, dead: 0 });
    expect(day(a, 1)).toEqual({ date: dateOf(1), synced: 0, held: 1, dead: 0 });
    const b = (await stats(`?connectionId=${storeB}&days=60`)).json();
    expect(b.days).toHaveLength(60);
    expect(day(b, 0)).toEqual({ date: dateOf(0), synced: 0, held: 1, dead: 0 });
    expect(day(b, 1)).toEqual({ date: dateOf(1), synced: 1, held: 0, dead: 0 });
    expect(day(b, 40)).toEqual({ date: dateOf(40), synced: 0, held: 0, dead: 1 });
    const none = (await stats('?connectionId=01900000-0000-7000-8000-000000000000&days=3')).json();
    expect(none.days).toEqual([0, 1, 2].reverse().map((ago) => ({ date: dateOf(ago), synced: 0, held: 0, dead: 0 })));
  });

  it('takes 1 to 90 days', async () => {
    expect((await stats('?days=1')).json().days).toEqual([{ date: dateOf(0), synced: 2, held: 2, dead: 0 }]);
    const ninety = (await stats('?days=90')).json();
    expect(ninety.days).toHaveLength(90);
    expect(ninety.days[0].date).toBe(dateOf(89));
    expect(day(ninety, 20)).toEqual({ date: dateOf(20), synced: 1, held: 0, dead: 0 });
    for (const bad of ['?days=0', '?days=91', '?days=abc', '?days=1.5', '?connectionId=nope']) {
      const response = await stats(bad);
      expect({ bad, status: response.status, code: response.json().error.code }).toEqual({
        bad,
        status: 400,
        code: 'INVALID_REQUEST',
      });
    }
    expect((await harness.call('/api/v1/stats/orders-per-day', { authorization: null })).status).toBe(401);
  });

  it('is described, with its definition, in the OpenAPI document', async () => {
    const doc = (await harness.call('/api/v1/openapi.json')).json();
    const operation = doc.paths['/stats/orders-per-day'].get;
    expect(operation.description).toMatch(/first written/);
    expect(operation.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      'connectionId',
      'days',
    ]);
  });
});
