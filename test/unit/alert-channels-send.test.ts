import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeMessage, wpAdminUrl } from '../../sidecar/src/alerts/alert-message.ts';
import { channelsFor, type StoredChannels } from '../../sidecar/src/alerts/channel-settings.ts';
import { sendEmail } from '../../sidecar/src/alerts/send-email.ts';
import type { OutboundCalls } from '../../sidecar/src/audit/outbound-call.ts';
import { startSmtpServer } from '../simulators/alerts/smtp-server.ts';

/** Runs the call without an audit trail: these tests look at the SMTP dialogue's outcome only. */
const outbound = { other: (_summary: unknown, call: () => Promise<unknown>) => call() } as unknown as OutboundCalls;
const message = composeMessage({ kind: 'jobs_dead', severity: 'error', message: 'A job is dead.' });

describe('alert message', () => {
  it('names the kind, severity and store, says what to do, and links to the plugin screen', () => {
    const composed = composeMessage({
      kind: 'unmapped_sku',
      severity: 'warning',
      message: 'SKU "<TS-RED>" & co has no NetSuite item.',
      store: { name: 'Main shop', url: 'https://shop.example.com/' },
    });
    expect(composed.subject).toBe('[ml-connector] warning: unmapped sku — Main shop');
    expect(composed.text).toContain('Store: Main shop (https://shop.example.com/)');
    expect(composed.text).toContain('What to do: Map the SKU');
    expect(composed.text).toContain('Open: https://shop.example.com/wp-admin/admin.php?page=ml-connector');
    expect(wpAdminUrl('https://shop.example.com///')).toBe(
      'https://shop.example.com/wp-admin/admin.php?page=ml-connector',
    );
    const blocks = JSON.stringify(composed.slack.blocks);
    expect(blocks).toContain('&lt;TS-RED&gt;\\" &amp; co');
    expect(blocks).toContain(
      '<https://shop.example.com/wp-admin/admin.php?page=ml-connector|Open WooCommerce → NetSuite>',
    );
  });

  it('goes to the configured channels at or above the least severity, unless its kind is muted', () => {
    const channels: StoredChannels = {
      minSeverity: 'warning',
      mutedKinds: ['stock_drift'],
      email: { host: 'smtp.example.com', tls: 'starttls', from: 'a@b.co', recipients: ['c@d.co'] },
      webhook: null,
    };
    expect(channelsFor(channels, { kind: 'jobs_dead', severity: 'error' })).toEqual(['email']);
    expect(channelsFor(channels, { kind: 'jobs_dead', severity: 'info' })).toEqual([]);
    expect(channelsFor(channels, { kind: 'stock_drift', severity: 'error' })).toEqual([]);
  });
});

describe('sending an alert by e-mail', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer({ user: 'alerts', password: 'right-password' });
  });
  afterAll(() => smtp.close());
  const email = (overrides: object = {}) => ({
    host: '127.0.0.1',
    port: smtp.port,
    tls: 'none' as const,
    username: 'alerts',
    from: 'connector@shop.test',
    recipients: ['owner@shop.test'],
    ...overrides,
  });

  it('delivers with the right password', async () => {
    expect(await sendEmail(outbound, email(), 'right-password', message)).toMatchObject({ ok: true });
    expect(smtp.mails.at(-1)?.raw).toContain('Kind: jobs_dead');
  });

  it('says the credentials are wrong, for good', async () => {
    expect(await sendEmail(outbound, email(), 'wrong-password', message)).toMatchObject({
      ok: false,
      code: 'ALERT_SMTP_AUTH_FAILED',
      retryable: false,
    });
  });

  it('refuses to send without TLS when STARTTLS is asked for and the server does not offer it', async () => {
    const result = await sendEmail(outbound, email({ tls: 'starttls' }), 'right-password', message);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.ok ? '' : result.code).toMatch(/^ALERT_SMTP_(TLS_FAILED|REJECTED)$/);
  });

  it('refuses plain authentication to another machine without connecting', async () => {
    const result = await sendEmail(outbound, email({ host: 'mail.example.com' }), 'right-password', message);
    expect(result).toMatchObject({ ok: false, code: 'ALERT_SMTP_PLAIN_AUTH_REFUSED', retryable: false });
  });

  it('retries when the server cannot be reached', async () => {
    const result = await sendEmail(outbound, email({ port: 1 }), 'right-password', message);
    expect(result).toMatchObject({ ok: false, code: 'ALERT_SMTP_UNREACHABLE', retryable: true });
  });
});
