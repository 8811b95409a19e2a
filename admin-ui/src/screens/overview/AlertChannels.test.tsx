import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockApi } from '../../../test/fetch-mock.ts';
import { renderWithStore } from '../../../test/render.tsx';
import type { AlertChannels as Channels } from '../../api/alert-channels.ts';
import { AlertChannels } from './AlertChannels.tsx';

const none: Channels = { minSeverity: 'warning', mutedKinds: [], email: null, webhook: null };
const configured: Channels = {
  minSeverity: 'warning',
  mutedKinds: [],
  email: {
    host: 'smtp.example.com',
    port: 587,
    tls: 'starttls',
    username: 'alerts@shop.test',
    from: 'connector@shop.test',
    recipients: ['owner@shop.test'],
    passwordSet: true,
  },
  webhook: { urlSet: true, host: 'hooks.slack.com' },
};

const type = (label: RegExp | string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('Alert channels (Overview)', () => {
  it('refuses an incomplete form before sending, then saves what was typed', async () => {
    const calls = mockApi({
      'GET alert-channels': { body: none },
      'PUT alert-channels': ({ body }) => ({ body: { ...configured, ...(body as object), webhook: null } }),
    });
    renderWithStore(<AlertChannels />);
    fireEvent.click(await screen.findByLabelText('Send by e-mail (SMTP)'));
    type('SMTP server', 'mail.example.com');
    type('Encryption', 'none');
    type('User name (optional)', 'alerts@shop.test');
    type('From', 'not-an-address');
    fireEvent.click(screen.getByRole('button', { name: 'Save alert channels' }));
    expect(await screen.findByText('The sender must be an e-mail address.')).toBeTruthy();
    expect(screen.getByText('Enter one or more e-mail addresses, separated by commas.')).toBeTruthy();
    expect(screen.getByText(/would cross the network unencrypted/)).toBeTruthy();
    expect(screen.getByText('Enter the password for this user name.')).toBeTruthy();
    expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(0);

    type('Encryption', 'starttls');
    type('Password', 'smtp-secret-1');
    type('From', 'connector@shop.test');
    type('Recipients (comma-separated)', 'owner@shop.test, ops@shop.test');
    fireEvent.click(screen.getByRole('button', { name: 'Save alert channels' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true));
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({
      minSeverity: 'warning',
      mutedKinds: [],
      email: {
        host: 'mail.example.com',
        tls: 'starttls',
        username: 'alerts@shop.test',
        password: 'smtp-secret-1',
        from: 'connector@shop.test',
        recipients: ['owner@shop.test', 'ops@shop.test'],
      },
      webhook: null,
    });
    expect(await screen.findAllByText('Alert channels saved.')).not.toHaveLength(0);
  });

  it('keeps the stored secrets when their fields stay empty, and shows each channel’s test result', async () => {
    const calls = mockApi({
      'GET alert-channels': { body: configured },
      'PUT alert-channels': { body: configured },
      'POST alert-channels/test': {
        body: {
          results: [
            { channel: 'email', ok: true, message: 'Sent to 1 of 1 recipients.' },
            { channel: 'webhook', ok: false, code: 'ALERT_WEBHOOK_REFUSED', message: 'HTTP 404: no_service.' },
          ],
        },
      },
    });
    renderWithStore(<AlertChannels />);
    expect(await screen.findByText('Stored. Leave empty to keep it.')).toBeTruthy();
    expect(screen.getByText('Stored (hooks.slack.com). Leave empty to keep it.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save alert channels' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true));
    const sent = calls.find((call) => call.method === 'PUT')?.body as { email: object; webhook: object };
    expect(sent.email).not.toHaveProperty('password');
    expect(sent.webhook).toEqual({});

    fireEvent.click(screen.getByRole('button', { name: 'Send test' }));
    expect(await screen.findByText('E-mail: sent. Sent to 1 of 1 recipients.')).toBeTruthy();
    expect(screen.getByText('Webhook: not sent. HTTP 404: no_service.')).toBeTruthy();
  });

  it('says why the channels could not be read, and retries', async () => {
    let fail = true;
    mockApi({
      'GET alert-channels': () =>
        fail
          ? { status: 502, body: { error: { code: 'SIDECAR_UNREACHABLE', message: 'The sidecar does not answer.' } } }
          : { body: none },
    });
    renderWithStore(<AlertChannels />);
    expect(await screen.findAllByText('The sidecar does not answer.')).not.toHaveLength(0);
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByLabelText('Send by e-mail (SMTP)')).toBeTruthy();
  });
});
