import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

describe.each(databaseKinds())('admin API search: audit ?q= and jobs ?externalId= [%s]', (kind) => {
  let harness: TestSidecar;
  /** Unique per run, so matches come only from this file's events. */
  const tag = randomUUID().slice(0, 8);
  const ids = (page: { items: { id: string }[] }) => page.items.map((item) => item.id);

  const enqueue = (entityKey: string) =>
    enqueueJob(
      harness.sidecar.database.db,
      harness.sidecar.audit,
      { kind: 'search.test', entityKey, idempotencyKey: `${entityKey}:${randomUUID()}`, payload: {} },
      5,
    );

  let orderJob: string;
  let otherJob: string;
  let noteId: string;
  let callId: string;

  beforeAll(async () => {
    harness = await startTestSidecar(kind);
    const { db } = harness.sidecar.database;
    const { audit } = harness.sidecar;
    orderJob = (await enqueue(`woocommerce:${tag}:order:12`)).job.id;
    otherJob = (await enqueue(`woocommerce:${tag}:order:13`)).job.id;
    const job = { id: orderJob, entityKey: `woocommerce:${tag}:order:12`, state: 'running' as const, attempts: 1 };
    await audit.record(db, {
      type: 'job.note',
      job,
      message: `Sales order WOO_ORDER_12_${tag} written (NetSuite 901).`,
      externalId: `WOO_ORDER_12_${tag}`,
    });
    await audit.record(db, {
      type: 'outbound.call',
      job,
      message: 'PUT salesOrder',
      externalId: `WOO_ORDER_12_${tag}`,
      data: { request: { body: { otherRefNum: `#${tag}-1042`, item: { items: [{ sku: `TS-RED-M-${tag}` }] } } } },
    });
    await audit.record(db, {
      type: 'job.note',
      job: { ...job, id: otherJob, entityKey: `woocommerce:${tag}:order:13` },
      message: `Order 13 of ${tag} has 100%_off: nothing to write.`,
    });
    const trail = (await harness.call(`/api/v1/audit?jobId=${orderJob}`)).json();
    noteId = trail.items.find((e: { type: string }) => e.type === 'job.note').id;
    callId = trail.items.find((e: { type: string }) => e.type === 'outbound.call').id;
  });
  afterAll(() => harness?.close());

  const search = async (query: string) => (await harness.call(`/api/v1/audit?${query}`)).json();

  it('finds events by a SKU or an order number inside their JSON details, whatever the case', async () => {
    expect(ids(await search(`q=ts-red-m-${tag}`))).toEqual([callId]);
    expect(ids(await search(`q=%23${tag.toUpperCase()}-1042`))).toEqual([callId]);
  });

  it('finds events by externalId and by job id', async () => {
    expect(ids(await search(`q=woo_order_12_${tag}`))).toEqual([callId, noteId]);
    const byJobId = await search(`q=${orderJob}`);
    expect(byJobId.items.map((e: { type: string }) => e.type)).toEqual(['outbound.call', 'job.note', 'job.enqueued']);
  });

  it('keeps the other filters working beside q, and takes % and _ literally', async () => {
    expect(ids(await search(`q=${tag}&type=job.note&entityKey=woocommerce:${tag}:order:12`))).toEqual([noteId]);
    expect(ids(await search(`q=${tag}&jobId=${otherJob}&type=job.note`))).toHaveLength(1);
    expect((await search(`q=${encodeURIComponent('100%_off')}&jobId=${otherJob}`)).items).toHaveLength(1);
    expect((await search(`q=${encodeURIComponent('100_%off')}&jobId=${otherJob}`)).items).toHaveLength(0);
    expect((await search(`q=no-such-text-${tag}`)).items).toHaveLength(0);
    const page = await search(`q=${tag}&limit=1`);
    expect(page.items).toHaveLength(1);
    expect(ids(await search(`q=${tag}&limit=1&before=${page.nextCursor}`))).toHaveLength(1);
  });

  it('lists the jobs whose trail names an externalId, beside the entityKey and state filters', async () => {
    const jobs = async (query: string) => ids((await harness.call(`/api/v1/jobs?${query}`)).json());
    expect(await jobs(`externalId=WOO_ORDER_12_${tag}`)).toEqual([orderJob]);
    expect(await jobs(`externalId=WOO_ORDER_12_${tag}&state=queued`)).toEqual([orderJob]);
    expect(await jobs(`externalId=WOO_ORDER_12_${tag}&state=dead`)).toEqual([]);
    expect(await jobs(`externalId=WOO_ORDER_12_${tag}&entityKey=woocommerce:${tag}:order:13`)).toEqual([]);
    expect(await jobs(`externalId=WOO_ORDER_99_${tag}`)).toEqual([]);
  });

  it('describes both filters in OpenAPI', async () => {
    const document = (await harness.call('/api/v1/openapi.json')).json();
    const names = (path: string) =>
      document.paths[path].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(names('/audit')).toContain('q');
    expect(names('/jobs')).toEqual(expect.arrayContaining(['externalId', 'entityKey', 'state']));
  });
});
