import { __ } from '@wordpress/i18n';
import type { AlertChannels, AlertChannelsInput, Severity, TlsMode } from '../../api/alert-channels.ts';

/** The panel's fields, all as typed; secrets start empty (empty keeps the stored one). */
export interface ChannelsForm {
  minSeverity: Severity;
  mutedKinds: string;
  emailOn: boolean;
  host: string;
  port: string;
  tls: TlsMode;
  username: string;
  password: string;
  from: string;
  recipients: string;
  webhookOn: boolean;
  webhookUrl: string;
}

export type ChannelsProblems = Partial<Record<keyof ChannelsForm, string>>;

export function formOf(view: AlertChannels | null): ChannelsForm {
  const email = view?.email;
  return {
    minSeverity: view?.minSeverity ?? 'warning',
    mutedKinds: view?.mutedKinds.join(', ') ?? '',
    emailOn: Boolean(email),
    host: email?.host ?? '',
    port: email ? String(email.port) : '',
    tls: email?.tls ?? 'starttls',
    username: email?.username ?? '',
    password: '',
    from: email?.from ?? '',
    recipients: email?.recipients.join(', ') ?? '',
    webhookOn: Boolean(view?.webhook),
    webhookUrl: '',
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;
const list = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((item) => item.trim())
    .filter(Boolean);

/** The same rules the sidecar applies, checked before sending so the merchant sees them by the field. */
export function formProblems(form: ChannelsForm, stored: AlertChannels | null): ChannelsProblems {
  const problems: ChannelsProblems = {};
  if (form.emailOn) {
    if (!/^[A-Za-z0-9.:[\]-]+$/.test(form.host.trim())) {
      problems.host = __('Enter the SMTP server’s host name, such as smtp.example.com.', 'ml-connector');
    }
    const port = Number(form.port);
    if (form.port.trim() !== '' && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
      problems.port = __('A port is a number from 1 to 65535; leave it empty for the usual one.', 'ml-connector');
    }
    if (!EMAIL.test(form.from.trim())) problems.from = __('The sender must be an e-mail address.', 'ml-connector');
    const recipients = list(form.recipients);
    if (recipients.length === 0 || recipients.some((address) => !EMAIL.test(address))) {
      problems.recipients = __('Enter one or more e-mail addresses, separated by commas.', 'ml-connector');
    }
    if (form.username.trim() && form.tls === 'none' && !LOOPBACK.test(form.host.trim())) {
      problems.tls = __('The password would cross the network unencrypted: choose TLS or STARTTLS.', 'ml-connector');
    }
    if (form.username.trim() && !form.password && !stored?.email?.passwordSet) {
      problems.password = __('Enter the password for this user name.', 'ml-connector');
    }
  }
  if (form.webhookOn) {
    const url = form.webhookUrl.trim();
    if (url === '' && !stored?.webhook) {
      problems.webhookUrl = __('Enter the webhook URL (from Slack: Incoming Webhooks).', 'ml-connector');
    } else if (url !== '' && !/^https:\/\//i.test(url) && !/^http:\/\/(localhost|127\.[\d.]+|\[::1\])[:/]/i.test(url)) {
      problems.webhookUrl = __('The webhook URL must start with https://.', 'ml-connector');
    }
  }
  return problems;
}

export function inputOf(form: ChannelsForm): AlertChannelsInput {
  return {
    minSeverity: form.minSeverity,
    mutedKinds: list(form.mutedKinds),
    email: form.emailOn
      ? {
          host: form.host.trim(),
          ...(form.port.trim() ? { port: Number(form.port) } : {}),
          tls: form.tls,
          ...(form.username.trim() ? { username: form.username.trim() } : {}),
          ...(form.password ? { password: form.password } : {}),
          from: form.from.trim(),
          recipients: list(form.recipients),
        }
      : null,
    webhook: form.webhookOn ? (form.webhookUrl.trim() ? { url: form.webhookUrl.trim() } : {}) : null,
  };
}
