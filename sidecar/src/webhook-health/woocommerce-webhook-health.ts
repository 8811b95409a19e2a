/**
 * The `woocommerce-webhook-health` schedule. WooCommerce switches a webhook off after more than 5 failed deliveries in
 * a row and tells nobody; from then on the store's changes reach the connector only through the backfill. Every run,
 * per WooCommerce connection: check its webhooks (`check-connection.ts`) and whether it has been silent for longer
 * than its traffic allows (`no-deliveries-alert.ts`). One store failing does not stop the others; the run then fails
 * with every store's figures in its detail, like the backfill.
 */
import { listConnections } from '../connections/connections.ts';
import { wooCommerceStoreOf } from '../connections/woocommerce-store.ts';
import { errorRecordOf } from '../jobs/job-errors.ts';
import { type Schedule, type ScheduleResult, ScheduleRunError, type ScheduleServices } from '../schedules/schedule.ts';
import { checkConnectionWebhooks, recordCheckFailure, type WebhookCheckReport } from './check-connection.ts';
import { databaseNow, type SilenceVerdict } from './delivery-silence.ts';
import { checkDeliverySilence } from './no-deliveries-alert.ts';
import { forgetSnapshotsExcept } from './snapshot.ts';

export const WOOCOMMERCE_WEBHOOK_HEALTH = 'woocommerce-webhook-health';

export interface WebhookHealthReport {
  connectionId: string;
  name: string;
  webhooks?: WebhookCheckReport;
  deliveries?: SilenceVerdict['state'];
  error?: { code: string; message: string };
}

/** Every 15 minutes by default (`MLC_SCHEDULE_WOOCOMMERCE_WEBHOOK_HEALTH_EVERY`). */
export const wooCommerceWebhookHealthSchedule: Schedule = {
  name: WOOCOMMERCE_WEBHOOK_HEALTH,
  cadence: '15m',
  run: (services, signal) => checkWooCommerceWebhookHealth(services, signal),
};

export async function checkWooCommerceWebhookHealth(
  services: ScheduleServices,
  signal: AbortSignal,
): Promise<ScheduleResult> {
  const { db } = services;
  const connections = (await listConnections(db)).filter((c) => c.platform === 'woocommerce');
  const reports: WebhookHealthReport[] = [];
  for (const connection of connections) {
    signal.throwIfAborted();
    const now = await databaseNow(db);
    const report: WebhookHealthReport = { connectionId: connection.id, name: connection.name };
    reports.push(report);
    // Silence is judged from what the sidecar stored, whether or not the store answers now.
    report.deliveries = (await checkDeliverySilence(db, connection, now)).state;
    try {
      const client = services.woocommerce.connect(await wooCommerceStoreOf(db, services.vault, connection));
      report.webhooks = await checkConnectionWebhooks(db, connection, client, now, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      const { code, message } = errorRecordOf(error);
      report.error = { code: (error as { code?: string }).code ?? code, message };
      await recordCheckFailure(db, connection.id, report.error, now);
      services.logger.warn({ connectionId: connection.id, err: error }, 'WooCommerce webhook check failed for a store');
    }
  }
  await forgetSnapshotsExcept(
    db,
    connections.map((c) => c.id),
  );
  const message = summarise(reports);
  if (reports.some((r) => r.error)) {
    throw new ScheduleRunError('WEBHOOK_CHECK_INCOMPLETE', message, { connections: reports });
  }
  return { message, details: { connections: reports } };
}

function summarise(reports: readonly WebhookHealthReport[]): string {
  if (reports.length === 0) return 'No WooCommerce store is connected: no webhooks to check.';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const down = reports.reduce((total, r) => total + (r.webhooks?.notActive.length ?? 0), 0);
  const missing = reports.filter((r) => (r.webhooks?.missingTopics.length ?? 0) > 0).length;
  const silent = reports.filter((r) => r.deliveries === 'silent').length;
  let text = `Checked ${plural(reports.length, 'WooCommerce store')}: ${plural(down, 'webhook')} not active`;
  text += `, ${plural(missing, 'store')} missing webhooks, ${plural(silent, 'store')} silent for longer than usual.`;
  for (const failed of reports.filter((r) => r.error)) {
    text += ` Store "${failed.name}" could not be checked: ${failed.error?.message}`;
  }
  return text;
}
