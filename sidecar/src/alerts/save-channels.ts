import type { Db } from '../db/client.ts';
import type { Vault } from '../vault/vault.ts';
import {
  defaultPort,
  type EmailChannel,
  isLoopback,
  plainAuthProblem,
  readChannels,
  type Severity,
  SMTP_PASSWORD_SECRET,
  type StoredChannels,
  WEBHOOK_URL_SECRET,
  writeChannels,
} from './channel-settings.ts';

/** A refusal of the channels asked for, in words: the API answers it as a 400. */
export class ChannelSettingsError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

export interface ChannelsInput {
  minSeverity: Severity;
  mutedKinds: string[];
  /** `password`: a string replaces the stored one, null removes it, absent keeps it. */
  email: (EmailChannel & { password?: string | null | undefined }) | null;
  /** `url` absent keeps the stored one. */
  webhook: { url?: string | undefined } | null;
}

export interface ChannelsView {
  minSeverity: Severity;
  mutedKinds: string[];
  email: (Omit<EmailChannel, 'port'> & { port: number; passwordSet: boolean }) | null;
  webhook: { urlSet: true; host: string } | null;
}

/** The webhook may speak plain HTTP only to this machine (a local relay, the tests); anything else needs HTTPS. */
function webhookHost(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ChannelSettingsError('ALERT_WEBHOOK_URL_INVALID', 'The webhook URL is not a URL.');
  }
  const local = isLoopback(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
    throw new ChannelSettingsError(
      'ALERT_WEBHOOK_URL_INVALID',
      'The webhook URL must start with https:// (http:// is allowed only to this machine).',
    );
  }
  return parsed.hostname;
}

/** Stores the channels and their secrets in one transaction; the secrets go to the vault, never to the settings. */
export async function saveChannels(db: Db, vault: Vault, input: ChannelsInput): Promise<void> {
  const refused = input.email ? plainAuthProblem(input.email) : undefined;
  if (refused) throw new ChannelSettingsError('ALERT_SMTP_PLAIN_AUTH_REFUSED', refused);
  const webhookUrlHost = input.webhook?.url ? webhookHost(input.webhook.url) : undefined;
  await db.transaction(async (tx) => {
    const current = await readChannels(tx);
    const stored: StoredChannels = {
      minSeverity: input.minSeverity,
      mutedKinds: input.mutedKinds,
      email: null,
      webhook: null,
    };
    if (input.email) {
      const { password, ...email } = input.email;
      if (password) await vault.put(SMTP_PASSWORD_SECRET, password, tx);
      if (password === null || !email.username) await vault.delete(SMTP_PASSWORD_SECRET, tx);
      if (email.username && !(await vault.get(SMTP_PASSWORD_SECRET, tx))) {
        throw new ChannelSettingsError(
          'ALERT_SMTP_PASSWORD_MISSING',
          `A user name is set for the SMTP server but no password: give the password too.`,
        );
      }
      stored.email = email;
    } else {
      await vault.delete(SMTP_PASSWORD_SECRET, tx);
    }
    if (input.webhook) {
      if (input.webhook.url) await vault.put(WEBHOOK_URL_SECRET, input.webhook.url, tx);
      const host = webhookUrlHost ?? current.webhook?.host;
      if (!host || !(await vault.get(WEBHOOK_URL_SECRET, tx))) {
        throw new ChannelSettingsError('ALERT_WEBHOOK_URL_MISSING', 'The webhook channel needs its URL.');
      }
      stored.webhook = { host };
    } else {
      await vault.delete(WEBHOOK_URL_SECRET, tx);
    }
    await writeChannels(tx, stored);
  });
}

/** The channels as the API shows them: secrets only as "set". */
export async function viewChannels(db: Db, vault: Vault): Promise<ChannelsView> {
  const channels = await readChannels(db);
  const secretNames = new Set((await vault.list()).map((secret) => secret.name));
  return {
    minSeverity: channels.minSeverity,
    mutedKinds: channels.mutedKinds,
    email: channels.email
      ? {
          ...channels.email,
          port: channels.email.port ?? defaultPort(channels.email.tls),
          passwordSet: secretNames.has(SMTP_PASSWORD_SECRET),
        }
      : null,
    webhook: channels.webhook ? { urlSet: true, host: channels.webhook.host } : null,
  };
}
