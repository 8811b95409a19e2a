import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../../sidecar/src/alerts/alerts.ts';
import { alertDeliveryHandler } from '../../sidecar/src/alerts/delivery-job.ts';
import { ALERT_DELIVERY_JOB_KIND } from '../../sidecar/src/alerts/enqueue-deliveries.ts';
import { connections, jobs, netsuiteAccounts } from '../../sidecar/src/db/schema.ts';
import {
  EXCEPTION_REPORT_DELIVERY_JOB_KIND,
  reportDeliveryHandler,
} from '../../sidecar/src/exception-report/delivery-job.ts';
import { exceptionReportSchedule } from '../../sidecar/src/exception-report/schedule.ts';
import { enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import { JobHeld, PermanentJobError } from '../../sidecar/src/jobs/job-errors.ts';
import { FULFILLMENT_JOB_KIND } from '../../sidecar/src/sync/netsuite-fulfillments.ts';
import { startSlackWebhook } from '../simulators/alerts/slack-webhook.ts';
import { startSmtpServer } from '../simulators/alerts/smtp-server.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';
import { until } from '../support/until.ts';

/** The message as a reader sees it: quoted-printable soft breaks and escapes undone. */
const decoded = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

describe.each(databaseKinds())('the daily exception report [%s]', (kind) => {
  let harness: TestSidecar;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let slack: Awaited<ReturnType<typeof startSlackWebhook>>;
  let connectionId = '';
  const db = () => harness.sidecar.database.db;
  const reports = () => smtp.mails.filter((mail) => mail.raw.includes('Exception report'));
  const summaries = () => slack.received.filter((post) => post.text?.includes('Exception report'));
  const run = () => harness.call('/api/v1/exception-report/run', { method: 'POST' });
  const stateOf = async (id: string) => (await db().select().from(jobs).where(eq(jobs.id, id)))[0]?.state;
  const enqueue = async (jobKind: string, entityKey: string, payload: unknown) => {
    const { job } = await enqueueJob(
      db(),
      harness.sidecar.audit,
      { kind: jobKind, entityKey, idempotencyKey: `${entityKey}:${uuidv7()}`, payload, maxAttempts: 1 },
      1,
    );
    harness.sidecar.worker.nudge();
    return job.id;
  };
  const channels = (email: boolean) => ({
    minSeverity: 'error',
    mutedKinds: [],
    email: email
      ? {
          host: '127.0.0.1',
          port: smtp.port,
          tls: 'none',
          from: 'connector@shop.test',
          recipients: ['owner@shop.test'],
        }
      : null,
    webhook: { url: slack.url },
  });

  beforeAll(async () => {
    smtp = await startSmtpServer();
    slack = await startSlackWebhook();
    harness = await startTestSidecar(kind, {
      handlers: (services) =>
        new Map([
          [ALERT_DELIVERY_JOB_KIND, alertDeliveryHandler(services)],
          [EXCEPTION_REPORT_DELIVERY_JOB_KIND, reportDeliveryHandler(services)],
          [
            'woocommerce.order',
            async () => {
              throw new JobHeld('UNMAPPED_SKU', 'Order 2001 is waiting: SKU "MUG-BLUE" matches no NetSuite item.', {
                skus: ['MUG-BLUE'],
                order: { number: '2001', total: '12.00' },
              });
            },
          ],
          [
            'woocommerce.customer',
            async () => {
              throw new PermanentJobError('NETSUITE_REJECTED', 'NetSuite refused the customer: invalid e-mail.');
            },
          ],
          [
            FULFILLMENT_JOB_KIND,
            async () => {
              throw new PermanentJobError('WOOCOMMERCE_FORBIDDEN', 'The store refused the order note (HTTP 403).');
            },
          ],
        ]),
      schedules: () => [exceptionReportSchedule],
    });
    const accountId = uuidv7();
    connectionId = uuidv7();
    await db().insert(netsuiteAccounts).values({ id: accountId, accountId: 'TSTDRV7770002', authType: 'm2m' });
    await db().insert(connections).values({
      id: connectionId,
      platform: 'woocommerce',
      name: 'Report shop',
      storeUrl: 'https://shop.example.com',
      netsuiteAccountId: accountId,
      settings: {},
    });
  });
  afterAll(async () => {
    await harness?.close();
    await smtp?.close();
    await slack?.close();
  });

  it('has no report before the first run', async () => {
    const response = await harness.call('/api/v1/exception-report');
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ report: null });
  });

  it('says so when no e-mail channel is configured, and posts the summary to the webhook', async () => {
    const saved = await harness.call('/api/v1/alert-channels', {
      method: 'PUT',
      body: JSON.stringify(channels(false)),
    });
    expect(saved.status).toBe(200);
    const response = await run();
    expect(response.status).toBe(200);
    const { report } = response.json();
    expect(report.delivery.email).toEqual({
      status: 'skipped',
      code: 'EXCEPTION_REPORT_NO_EMAIL_CHANNEL',
      message: expect.stringContaining('not e-mailed'),
    });
    expect(report.delivery.webhook).toEqual({ status: 'queued', jobId: expect.any(String) });
    await until(() => summaries().length === 1, 'the webhook summary');
  });

  it('lists held orders, dead jobs, a fulfillment not written back and a disabled webhook, and e-mails them', async () => {
    const held = await enqueue('woocommerce.order', `woocommerce:${connectionId}:order:2001`, { connectionId });
    const dead = await enqueue('woocommerce.customer', `woocommerce:${connectionId}:customer:77`, { connectionId });
    const fulfillment = await enqueue(FULFILLMENT_JOB_KIND, `woocommerce:${connectionId}:fulfillment:2002`, {
      connectionId,
      orderId: '2002',
      fulfillmentId: '9001',
      tranId: 'IF-9001',
    });
    await until(async () => (await stateOf(held)) === 'held', 'the held order');
    await until(async () => (await stateOf(dead)) === 'dead', 'the dead job');
    await until(async () => (await stateOf(fulfillment)) === 'dead', 'the dead write-back');
    await raiseAlert(db(), {
      kind: 'webhook_disabled',
      severity: 'warning',
      connectionId,
      dedupeKey: `webhook_disabled:${connectionId}:12`,
      message: 'WEBHOOK_DISABLED: Report shop disabled its "order.created" webhook (12).',
    });
    expect(
      (await harness.call('/api/v1/alert-channels', { method: 'PUT', body: JSON.stringify(channels(true)) })).status,
    ).toBe(200);

    const response = await run();
    expect(response.status).toBe(200);
    const { report } = response.json();
    const { sections } = report;
    expect(sections.heldOrders.total).toBe(1);
    expect(sections.heldOrders.items[0]).toMatchObject({
      jobId: held,
      orderNumber: '2001',
      code: 'UNMAPPED_SKU',
      reason: 'Order 2001 is waiting: SKU "MUG-BLUE" matches no NetSuite item.',
    });
    expect(sections.deadJobs.total).toBe(2);
    expect(sections.deadJobs.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          jobId: dead,
          kind: 'woocommerce.customer',
          entityKey: `woocommerce:${connectionId}:customer:77`,
          code: 'NETSUITE_REJECTED',
          message: 'NetSuite refused the customer: invalid e-mail.',
          since: expect.any(String),
        }),
      ]),
    );
    expect(sections.fulfillmentsNotWrittenBack).toMatchObject({
      total: 1,
      items: [{ jobId: fulfillment, orderId: '2002', tranId: 'IF-9001', state: 'dead', code: 'WOOCOMMERCE_FORBIDDEN' }],
    });
    expect(sections.webhookOutages).toMatchObject({ total: 1, items: [{ kind: 'webhook_disabled', connectionId }] });
    expect(sections.stockDrift).toEqual({ total: 0, items: [] });
    expect(sections.openAlerts.items).toEqual(
      expect.arrayContaining([
        // The dead write-back raises its own alert in job_dead's place: job_dead is the customer job's alone.
        { kind: 'fulfillment_writeback_failing', severity: 'error', count: 1 },
        { kind: 'job_dead', severity: 'error', count: 1 },
        { kind: 'orders_held', severity: 'warning', count: 1 },
        { kind: 'webhook_disabled', severity: 'warning', count: 1 },
      ]),
    );
    expect((await harness.call('/api/v1/exception-report')).json().report.id).toBe(report.id);

    await until(() => reports().length === 1, 'the report by e-mail');
    const mail = decoded(reports()[0]?.raw ?? '');
    expect(mail).toContain('Content-Type: text/plain');
    expect(mail).toContain('Content-Type: text/html');
    for (const words of [
      'Held orders (1)',
      'Order 2001',
      'MUG-BLUE',
      'Dead jobs (2)',
      'NETSUITE_REJECTED',
      'Fulfillments not written back (1)',
      'IF-9001',
      'Webhook outages (1)',
      'Stock drift (0)',
    ]) {
      expect(mail).toContain(words);
    }
    await until(() => summaries().length === 2, 'the second webhook summary');
    expect(summaries()[1]?.text).toContain('Held orders: 1');
  });

  it('sends a report for every run asked for, and once per scheduled run', async () => {
    const before = reports().length;
    expect((await run()).status).toBe(200);
    expect((await run()).status).toBe(200);
    await until(() => reports().length === before + 2, 'two more reports');
    const scheduled = await harness.call('/api/v1/schedules/exception-report/run', { method: 'POST' });
    expect(scheduled.status).toBe(200);
    await until(() => reports().length === before + 3, 'the scheduled report');
    expect((await harness.call('/api/v1/exception-report')).json().report.trigger).toBe('schedule');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reports()).toHaveLength(before + 3);
  });
});
