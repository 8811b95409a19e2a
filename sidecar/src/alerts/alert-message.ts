import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { connections } from '../db/schema.ts';
import type { Alert } from './alerts.ts';

/** What to do, by alert kind; a kind not listed gets the general advice. */
const ADVICE: Record<string, string> = {
  unmapped_sku: 'Map the SKU to a NetSuite item in WooCommerce → NetSuite → Review queue; the held orders then run.',
  order_changed_after_shipping:
    'Compare the order in WooCommerce with its NetSuite sales order and correct it by hand.',
  order_closed_after_shipping: 'The order was cancelled after it shipped: arrange the return or refund in NetSuite.',
  refund_needs_attention: 'Open the refund in WooCommerce → NetSuite → Activity and finish it in NetSuite.',
  webhook_disabled: 'Re-enable the webhook in WooCommerce → NetSuite → Connection; the gap is then backfilled.',
  webhook_missing: 'Connect the store again in WooCommerce → NetSuite → Connection; it recreates the webhook.',
  no_deliveries: 'Check that the store is up and its webhooks are active in WooCommerce → NetSuite → Overview.',
  fulfillment_writeback_failing:
    'Open the write-back jobs in WooCommerce → NetSuite → Activity: fix what each names (the order, the store’s access), then replay it; cancel it if you tell the customer yourself.',
  billing_failing:
    'Open the billing job in WooCommerce → NetSuite → Activity: fix what it names (a NetSuite setting or record), then replay it; cancel it if you bill the order in NetSuite yourself.',
  credentials_failing: 'Check the NetSuite or store credentials in WooCommerce → NetSuite → Connection.',
  job_dead: 'Open WooCommerce → NetSuite → Activity, fix the cause shown on the dead jobs, then replay them.',
  orders_held: 'Open WooCommerce → NetSuite → Review queue: map what each held order names, or release it.',
  netsuite_credentials_failing:
    'Correct the NetSuite credentials in WooCommerce → NetSuite → Connection and test the connection.',
  jobs_dead: 'Open WooCommerce → NetSuite → Activity, fix the cause shown on the job, then replay it.',
  test: 'Nothing: this is a test message sent from WooCommerce → NetSuite.',
};
const GENERAL_ADVICE = 'Open WooCommerce → NetSuite in wp-admin to see what needs doing.';

export interface AlertMessage {
  subject: string;
  /** Plain text: the e-mail body and Slack's notification fallback. */
  text: string;
  /** An HTML alternative for the e-mail (the exception report); plain text only when absent. */
  html?: string | undefined;
  /** Slack's incoming-webhook body: `text` plus Block Kit blocks. */
  slack: { text: string; blocks: unknown[] };
}

export interface MessageFacts {
  kind: string;
  severity: string;
  message: string;
  store?: { name: string; url: string } | undefined;
}

export async function storeOf(db: Queryable, connectionId: string | null): Promise<MessageFacts['store']> {
  if (!connectionId) return undefined;
  const [row] = await db
    .select({ name: connections.name, url: connections.storeUrl })
    .from(connections)
    .where(eq(connections.id, connectionId));
  return row;
}

export async function factsOf(db: Queryable, alert: Alert): Promise<MessageFacts> {
  return {
    kind: alert.kind,
    severity: alert.severity,
    message: alert.message,
    store: await storeOf(db, alert.connectionId),
  };
}

/** The plugin's admin screen on the store, where the alert is shown and acted on. */
export const wpAdminUrl = (storeUrl: string): string =>
  `${storeUrl.replace(/\/+$/, '')}/wp-admin/admin.php?page=ml-connector`;

/** Slack's mrkdwn treats these three as control characters. */
const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function composeMessage(facts: MessageFacts): AlertMessage {
  const advice = ADVICE[facts.kind] ?? GENERAL_ADVICE;
  const link = facts.store ? wpAdminUrl(facts.store.url) : undefined;
  const storeLine = facts.store ? `${facts.store.name} (${facts.store.url})` : 'all stores';
  const subject = `[ml-connector] ${facts.severity}: ${facts.kind.replace(/_/g, ' ')} — ${facts.store?.name ?? 'connector'}`;
  const lines = [
    `Kind: ${facts.kind}`,
    `Severity: ${facts.severity}`,
    `Store: ${storeLine}`,
    '',
    `What happened: ${facts.message}`,
    `What to do: ${advice}`,
    ...(link ? ['', `Open: ${link}`] : []),
  ];
  const text = lines.join('\n');
  const fields = [
    { type: 'mrkdwn', text: `*Kind*\n${slackEscape(facts.kind)}` },
    { type: 'mrkdwn', text: `*Severity*\n${slackEscape(facts.severity)}` },
    { type: 'mrkdwn', text: `*Store*\n${slackEscape(storeLine)}` },
  ];
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: subject.slice(0, 150) } },
    { type: 'section', text: { type: 'mrkdwn', text: `*What happened:* ${slackEscape(facts.message)}` } },
    { type: 'section', fields },
    { type: 'section', text: { type: 'mrkdwn', text: `*What to do:* ${slackEscape(advice)}` } },
    ...(link ? [{ type: 'section', text: { type: 'mrkdwn', text: `<${link}|Open WooCommerce → NetSuite>` } }] : []),
  ];
  return { subject, text, slack: { text: `${subject}\n${facts.message}`, blocks } };
}
