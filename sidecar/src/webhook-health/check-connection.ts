/**
 * One connection's webhook check: read the store's webhooks → keep ours → alert per webhook not active and for the
 * topics none of ours covers, resolve what is fine again → save what was read for the admin screen.
 */
import { listAlerts, raiseAlert, resolveAlerts } from '../alerts/alerts.ts';
import type { Connection } from '../connections/connections.ts';
import type { Queryable } from '../db/client.ts';
import type { WooCommerceRestClient } from '../platforms/woocommerce/rest-client.ts';
import { readSnapshot, saveSnapshot, type WebhookHealthSnapshot } from './snapshot.ts';
import {
  disabledAlertKey,
  disabledMessage,
  missingAlertKey,
  missingMessage,
  missingTopics,
  seeWebhooks,
  WEBHOOK_DISABLED,
  WEBHOOK_MISSING,
} from './webhook-check.ts';

export interface WebhookCheckReport {
  ours: number;
  notActive: { id: number; topic: string; status: string }[];
  missingTopics: string[];
}

export async function checkConnectionWebhooks(
  db: Queryable,
  connection: Pick<Connection, 'id' | 'name'>,
  client: WooCommerceRestClient,
  now: Date,
  signal?: AbortSignal,
): Promise<WebhookCheckReport> {
  const listed = await client.listWebhooks({ signal });
  const previous = await readSnapshot(db, connection.id);
  const webhooks = seeWebhooks(listed, connection.id, previous, now);
  const missing = missingTopics(webhooks);
  const snapshot: WebhookHealthSnapshot = {
    checkedAt: now.toISOString(),
    webhooks,
    missingTopics: missing,
    error: null,
  };

  const notActive = webhooks.filter((webhook) => webhook.status !== 'active');
  for (const webhook of notActive) {
    await raiseAlert(db, {
      kind: WEBHOOK_DISABLED,
      severity: webhook.status === 'paused' ? 'warning' : 'error',
      connectionId: connection.id,
      dedupeKey: disabledAlertKey(connection.id, webhook.id),
      message: disabledMessage(webhook, connection.name),
    });
  }
  // Every other open `webhook_disabled` of this connection is fixed: active again, or deleted (then it counts as missing).
  // Candidates: the webhooks read now and last time, and the newest open alerts (a snapshot may be missing).
  const stillDown = new Set(notActive.map((webhook) => disabledAlertKey(connection.id, webhook.id)));
  const open = await listAlerts(db, { acknowledged: false, connectionId: connection.id, limit: 200 });
  const candidates = new Set([
    ...[...webhooks, ...(previous?.webhooks ?? [])].map((webhook) => disabledAlertKey(connection.id, webhook.id)),
    ...open.filter((alert) => alert.kind === WEBHOOK_DISABLED).map((alert) => alert.dedupeKey),
  ]);
  await resolveAlerts(
    db,
    [...candidates].filter((key) => !stillDown.has(key)),
  );

  if (missing.length > 0) {
    await raiseAlert(db, {
      kind: WEBHOOK_MISSING,
      severity: 'error',
      connectionId: connection.id,
      dedupeKey: missingAlertKey(connection.id),
      message: missingMessage(missing, connection.name),
    });
  } else {
    await resolveAlerts(db, [missingAlertKey(connection.id)]);
  }

  await saveSnapshot(db, connection.id, snapshot);
  return {
    ours: webhooks.length,
    notActive: notActive.map(({ id, topic, status }) => ({ id, topic, status })),
    missingTopics: missing,
  };
}

/** The store could not be read: what was last read stays, with the reason. */
export async function recordCheckFailure(
  db: Queryable,
  connectionId: string,
  error: { code: string; message: string },
  now: Date,
): Promise<void> {
  const previous = await readSnapshot(db, connectionId);
  await saveSnapshot(db, connectionId, {
    checkedAt: now.toISOString(),
    webhooks: previous?.webhooks ?? [],
    missingTopics: previous?.missingTopics ?? [],
    error,
  });
}
