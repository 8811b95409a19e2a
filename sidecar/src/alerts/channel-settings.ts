import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.ts';
import { settings } from '../db/schema.ts';
import type { Vault } from '../vault/vault.ts';

/** Where the channels live: one settings row (no secrets in it) and two vault entries. */
export const CHANNELS_SETTING = 'alerts.channels';
export const SMTP_PASSWORD_SECRET = 'alerts.smtp.password';
/** Slack's incoming-webhook URL carries its own credential in the path, so the whole URL is a secret. */
export const WEBHOOK_URL_SECRET = 'alerts.webhook.url';

export const SEVERITIES = ['info', 'warning', 'error'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const CHANNELS = ['email', 'webhook'] as const;
export type ChannelName = (typeof CHANNELS)[number];

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;
export const isLoopback = (host: string): boolean => LOOPBACK.test(host);

const hostname = z
  .string()
  .trim()
  .min(1, 'the SMTP host is missing')
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'the SMTP host must be a host name or an IP address, without a scheme or path');

/** The e-mail channel as stored: everything but the password. */
export const EmailChannelSchema = z.object({
  host: hostname,
  /** Default: 465 for implicit TLS, 587 for STARTTLS, 25 without TLS. */
  port: z.number().int().min(1).max(65535).optional(),
  /** implicit: TLS from the first byte (port 465) · starttls: upgraded, refused if the server cannot · none: plain. */
  tls: z.enum(['implicit', 'starttls', 'none']),
  username: z.string().trim().max(320).optional(),
  from: z.email('the sender ("from") must be an e-mail address'),
  recipients: z
    .array(z.email('each recipient must be an e-mail address'))
    .min(1, 'at least one recipient is needed')
    .max(50, 'at most 50 recipients'),
});
export type EmailChannel = z.infer<typeof EmailChannelSchema>;

export const StoredChannelsSchema = z.object({
  /** Alerts below it are not sent (default warning: info alerts stay on the Overview screen). */
  minSeverity: z.enum(SEVERITIES).default('warning'),
  /** Alert kinds never sent (they still show in wp-admin). */
  mutedKinds: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
  email: EmailChannelSchema.nullable().default(null),
  /** The webhook's URL is in the vault; the host alone is kept here, so the screen can say where it points. */
  webhook: z.object({ host: z.string() }).nullable().default(null),
});
export type StoredChannels = z.infer<typeof StoredChannelsSchema>;

const NONE: StoredChannels = { minSeverity: 'warning', mutedKinds: [], email: null, webhook: null };

export const defaultPort = (tls: EmailChannel['tls']): number => ({ implicit: 465, starttls: 587, none: 25 })[tls];

/**
 * Plain authentication on an unencrypted line hands the password to anyone on the path: refused, except to a relay
 * on this machine. Undefined when the channel is acceptable.
 */
export function plainAuthProblem(email: EmailChannel): string | undefined {
  if (email.tls !== 'none' || !email.username || isLoopback(email.host)) return undefined;
  return `The SMTP password would cross the network unencrypted to ${email.host}: choose implicit TLS or STARTTLS, or a relay on this machine (localhost).`;
}

export async function readChannels(db: Queryable): Promise<StoredChannels> {
  const [row] = await db.select().from(settings).where(eq(settings.key, CHANNELS_SETTING));
  if (!row) return NONE;
  const parsed = StoredChannelsSchema.safeParse(row.value);
  return parsed.success ? parsed.data : NONE;
}

export async function writeChannels(db: Queryable, channels: StoredChannels): Promise<void> {
  await db
    .insert(settings)
    .values({ key: CHANNELS_SETTING, value: channels })
    .onConflictDoUpdate({ target: settings.key, set: { value: channels, updatedAt: new Date() } });
}

/** The channels an alert of this kind and severity goes to. */
export function channelsFor(channels: StoredChannels, alert: { kind: string; severity: Severity }): ChannelName[] {
  if (SEVERITIES.indexOf(alert.severity) < SEVERITIES.indexOf(channels.minSeverity)) return [];
  if (channels.mutedKinds.includes(alert.kind)) return [];
  return CHANNELS.filter((name) => channels[name] !== null);
}

/** What a channel needs at send time, secrets included: read just before sending, never kept. */
export type ResolvedChannel =
  | { name: 'email'; email: EmailChannel; password: string | undefined }
  | { name: 'webhook'; url: string };

export async function resolveChannel(
  db: Queryable,
  vault: Vault,
  channels: StoredChannels,
  name: ChannelName,
): Promise<ResolvedChannel | undefined> {
  if (name === 'email') {
    if (!channels.email) return undefined;
    return { name, email: channels.email, password: await vault.get(SMTP_PASSWORD_SECRET, db) };
  }
  if (!channels.webhook) return undefined;
  const url = await vault.get(WEBHOOK_URL_SECRET, db);
  return url ? { name, url } : undefined;
}
