import { AuditLog } from '../audit/audit-log.ts';
import type { Queryable } from '../db/client.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { Redactor } from '../redact.ts';
import { type ChannelName, channelsFor, readChannels, type Severity } from './channel-settings.ts';

export const ALERT_DELIVERY_JOB_KIND = 'alert.deliver';

/**
 * Starts of one delivery before it is dead. With the worker's default backoff (10 s base, 1 h cap) the tries span
 * about four hours: an SMTP relay or Slack down for a while still gets the alert.
 */
export const ALERT_DELIVERY_MAX_ATTEMPTS = 12;

export interface AlertDeliveryPayload {
  alertId: string;
  channel: ChannelName;
}

/**
 * The `job.enqueued` event carries only the job's kind: nothing secret, so a redactor with no secrets suffices, and
 * raising an alert does not need the caller to hand one in.
 */
const audit = new AuditLog(new Redactor());

interface Opened {
  id: string;
  kind: string;
  severity: Severity;
  firstSeen: Date;
}

/**
 * One durable job per configured channel for an alert that has just opened (or reopened: a fresh row, a fresh id).
 * The idempotency key names the alert, its opening and the channel, so raising it again sends nothing more.
 */
export async function enqueueAlertDeliveries(db: Queryable, alert: Opened): Promise<number> {
  const channels = channelsFor(await readChannels(db), alert);
  for (const channel of channels) {
    const payload: AlertDeliveryPayload = { alertId: alert.id, channel };
    await enqueueJob(
      db,
      audit,
      {
        kind: ALERT_DELIVERY_JOB_KIND,
        // Its own entity: a delivery that dies must not block the next alert's.
        entityKey: `alert:${alert.id}:${channel}`,
        idempotencyKey: `alert-delivery:${alert.id}:${alert.firstSeen.getTime()}:${channel}`,
        payload,
        maxAttempts: ALERT_DELIVERY_MAX_ATTEMPTS,
      },
      ALERT_DELIVERY_MAX_ATTEMPTS,
    );
  }
  return channels.length;
}
