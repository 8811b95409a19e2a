import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert, resolveAlerts } from '../../sidecar/src/alerts/alerts.ts';
import { alertDeliveryHandler } from '../../sidecar/src/alerts/delivery-job.ts';
import { ALERT_DELIVERY_JOB_KIND } from '../../sidecar/src/alerts/enqueue-deliveries.ts';
import { auditEvents, jobs } from '../../sidecar/src/db/schema.ts';
import { startSlackWebhook } from '../simulators/alerts/slack-webhook.ts';
import { startSmtpServer } from '../simulators/alerts/smtp-server.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';
import { until } from '../support/until.ts';

const SMTP_USER = 'alerts@shop.test';
const SMTP_PASSWORD = 'smtp-password-7f3c9a1e5b';

describe.each(databaseKinds())('alert channels: e-mail and Slack-compatible webhook [%s]', (kind) => {
  let harness: TestSidecar;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let slack: Awaited<ReturnType<typeof startSlackWebhook>>;
  const db = () => harness.sidecar.database.db;
  const channels = (overrides: Record<string, unknown> = {}) => ({
    minSeverity: 'warning',
    mutedKinds: [],
    email: {
      host: '127.0.0.1',
      port: smtp.port,
      tls: 'none',
      username: SMTP_USER,
      password: SMTP_PASSWORD,
      from: 'connector@shop.test',
      recipients: ['owner@shop.test', 'ops@shop.test'],
    },
    webhook: { url: slack.url },
    ...overrides,
  });
  const put = (body: unknown) => harness.call('/api/v1/alert-channels', { method: 'PUT', body: JSON.stringify(body) });
  const raise = (dedupeKey: string, severity: 'info' | 'warning' | 'error' = 'error') =>
    raiseAlert(db(), { kind: 'jobs_dead', severity, dedupeKey, message: `Job for ${dedupeKey} is dead.` });
  const mailsAbout = (key: string) => smtp.mails.filter((mail) => mail.raw.includes(key));
  const postsAbout = (key: string) => slack.received.filter((post) => post.text?.includes(key));

  beforeAll(async () => {
    smtp = await startSmtpServer({ user: SMTP_USER, password: SMTP_PASSWORD });
    slack = await startSlackWebhook();
    harness = await startTestSidecar(kind, {
      env: { MLC_JOB_BACKOFF_BASE_MS: '50', MLC_JOB_BACKOFF_CAP_MS: '100' },
      handlers: (services) => new Map([[ALERT_DELIVERY_JOB_KIND, alertDeliveryHandler(services)]]),
    });
    expect((await put(channels())).status).toBe(200);
  });
  afterAll(async () => {
    await harness?.close();
    await smtp?.close();
    await slack?.close();
  });

  it('shows the channels with the secrets only as set', async () => {
    const response = await harness.call('/api/v1/alert-channels');
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      minSeverity: 'warning',
      mutedKinds: [],
      email: {
        host: '127.0.0.1',
        port: smtp.port,
        tls: 'none',
        username: SMTP_USER,
        from: 'connector@shop.test',
        recipients: ['owner@shop.test', 'ops@shop.test'],
        passwordSet: true,
      },
      webhook: { urlSet: true, host: '127.0.0.1' },
    });
    expect(response.text).not.toContain(SMTP_PASSWORD);
    expect(response.text).not.toContain('/services/');
  });

  it('describes its routes in the OpenAPI document', async () => {
    const paths = Object.keys((await harness.call('/api/v1/openapi.json')).json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/alert-channels', '/alert-channels/test']));
  });

  it('refuses channels it cannot use, saying why', async () => {
    const plain = await put(channels({ email: { ...channels().email, host: 'mail.example.com' } }));
    expect(plain.status).toBe(400);
    expect(plain.json().error.code).toBe('ALERT_SMTP_PLAIN_AUTH_REFUSED');
    expect(plain.json().error.message).toContain('unencrypted');
    const badRecipient = await put(channels({ email: { ...channels().email, recipients: ['not-an-address'] } }));
    expect(badRecipient.status).toBe(400);
    expect(badRecipient.json().error.message).toContain('each recipient must be an e-mail address');
    const insecureHook = await put(channels({ webhook: { url: 'http://hooks.example.com/services/x' } }));
    expect(insecureHook.status).toBe(400);
    expect(insecureHook.json().error.code).toBe('ALERT_WEBHOOK_URL_INVALID');
    // Nothing of the refused attempts was stored.
    expect((await harness.call('/api/v1/alert-channels')).json().email.host).toBe('127.0.0.1');
  });

  it('keeps the stored secrets when a save omits them', async () => {
    const { password: _password, ...email } = channels().email;
    expect((await put(channels({ email, webhook: {} }))).status).toBe(200);
    const view = (await harness.call('/api/v1/alert-channels')).json();
    expect(view.email.passwordSet).toBe(true);
    expect(view.webhook).toEqual({ urlSet: true, host: '127.0.0.1' });
  });

  it('sends an alert once per channel however often it is raised, and again when it reopens', async () => {
    const key = `twice-${kind}-${Date.now()}`;
    const first = await raise(key);
    const repeat = await raise(key);
    expect(repeat.id).toBe(first.id);
    expect(repeat.count).toBe(2);
    await until(() => mailsAbout(key).length === 1 && postsAbout(key).length === 1, 'one mail and one post');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mailsAbout(key)).toHaveLength(1);
    expect(postsAbout(key)).toHaveLength(1);

    const [mail] = mailsAbout(key);
    expect(mail?.to).toEqual(['owner@shop.test', 'ops@shop.test']);
    expect(mail?.user).toBe(SMTP_USER);
    expect(mail?.raw).toContain('Kind: jobs_dead');
    expect(mail?.raw).toContain('Severity: error');
    expect(mail?.raw).toContain('What to do:');
    const [post] = postsAbout(key);
    expect(post?.blocks?.length).toBeGreaterThan(2);

    expect(await resolveAlerts(db(), [key])).toBe(1);
    const reopened = await raise(key);
    expect(reopened.id).not.toBe(first.id);
    await until(() => mailsAbout(key).length === 2 && postsAbout(key).length === 2, 'the reopened alert sent');
  });

  it('does not send alerts below the minimum severity or of a muted kind', async () => {
    const key = `quiet-${kind}-${Date.now()}`;
    await raise(`${key}-info`, 'info');
    expect((await put(channels({ mutedKinds: ['jobs_dead'] }))).status).toBe(200);
    await raise(`${key}-muted`, 'error');
    expect((await put(channels())).status).toBe(200);
    const queued = await db().select().from(jobs);
    expect(queued.filter((job) => JSON.stringify(job).includes(key))).toHaveLength(0);
  });

  it('retries while the SMTP server is down, then delivers', async () => {
    const key = `down-${kind}-${Date.now()}`;
    smtp.refuse(2);
    await raise(key);
    await until(() => mailsAbout(key).length === 1, 'the mail after the relay came back');
    await until(async () => {
      const [job] = (await db().select().from(jobs)).filter(
        (row) => row.entityKey.endsWith(':email') && row.state === 'succeeded' && row.attempts === 3,
      );
      return job !== undefined;
    }, 'the e-mail job succeeded on its third start');
    const failures = (await db().select().from(auditEvents)).filter(
      (event) => event.type === 'outbound.call' && event.message.startsWith('SMTP') && event.message.includes('failed'),
    );
    expect(failures.length).toBeGreaterThanOrEqual(2);
  });

  it('sends a test message to each channel and says how each went', async () => {
    const before = { mails: smtp.mails.length, posts: slack.received.length };
    const ok = await harness.call('/api/v1/alert-channels/test', { method: 'POST' });
    expect(ok.status).toBe(200);
    expect(ok.json().results).toEqual([
      { channel: 'email', ok: true, message: expect.stringContaining('Sent to 2 of 2 recipients') },
      { channel: 'webhook', ok: true, message: expect.stringContaining('HTTP 200') },
    ]);
    expect(smtp.mails.length).toBe(before.mails + 1);
    expect(slack.received.length).toBe(before.posts + 1);

    expect((await put(channels({ webhook: { url: slack.wrongUrl } }))).status).toBe(200);
    const refused = (await harness.call('/api/v1/alert-channels/test', { method: 'POST' })).json();
    expect(refused.results[0]).toMatchObject({ channel: 'email', ok: true });
    expect(refused.results[1]).toMatchObject({ channel: 'webhook', ok: false, code: 'ALERT_WEBHOOK_REFUSED' });
    expect(refused.results[1].message).toContain('no_service');
    expect((await put(channels())).status).toBe(200);

    expect((await put({ email: null, webhook: null })).status).toBe(200);
    const none = await harness.call('/api/v1/alert-channels/test', { method: 'POST' });
    expect(none.status).toBe(409);
    expect(none.json().error.code).toBe('NO_ALERT_CHANNELS');
    expect((await put(channels())).status).toBe(200);
  });

  it('never lets the SMTP password or the webhook URL reach a response, a log line or the audit trail', async () => {
    const secrets = [SMTP_PASSWORD, slack.url, new URL(slack.url).pathname, slack.wrongUrl];
    const trail = JSON.stringify(await db().select().from(auditEvents));
    expect(trail).toContain('outbound.call');
    expect(trail).toContain('smtp://127.0.0.1');
    const logs = harness.logLines.join('\n');
    const responses =
      (await harness.call('/api/v1/alert-channels')).text + (await harness.call('/api/v1/audit?limit=200')).text;
    for (const secret of secrets) {
      expect(trail).not.toContain(secret);
      expect(logs).not.toContain(secret);
      expect(responses).not.toContain(secret);
    }
  });
});
