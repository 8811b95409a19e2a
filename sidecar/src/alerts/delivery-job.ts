import { eq } from 'drizzle-orm';
import { alerts } from '../db/schema.ts';
import type { JobHandler } from '../jobs/handler.ts';
import { PermanentJobError, RetryableJobError } from '../jobs/job-errors.ts';
import type { JobServices } from '../sidecar.ts';
import { composeMessage, factsOf } from './alert-message.ts';
import { readChannels, resolveChannel } from './channel-settings.ts';
import type { AlertDeliveryPayload } from './enqueue-deliveries.ts';
import { sendToChannel } from './send-to-channel.ts';

/**
 * Sends one alert to one channel. The channel is read as it is now (a corrected password helps the next try); a
 * channel switched off meanwhile, or an alert since deleted with its store, ends the job without sending.
 */
export function alertDeliveryHandler(services: Pick<JobServices, 'db' | 'vault' | 'outbound'>): JobHandler {
  const { db, vault, outbound } = services;
  return async (job, context) => {
    const { alertId, channel } = job.payload as AlertDeliveryPayload;
    const [alert] = await db.select().from(alerts).where(eq(alerts.id, alertId));
    if (!alert) return void (await context.note({ message: `Alert ${alertId} no longer exists; nothing sent.` }));
    const resolved = await resolveChannel(db, vault, await readChannels(db), channel);
    if (!resolved) {
      return void (await context.note({
        message: `The ${channel} alert channel is no longer configured; nothing sent.`,
      }));
    }
    const result = await sendToChannel(outbound, resolved, composeMessage(await factsOf(db, alert)), job);
    if (result.ok) return void (await context.note({ message: result.message }));
    if (result.retryable) throw new RetryableJobError(result.code, result.message, result.detail, result.retryAfterMs);
    throw new PermanentJobError(result.code, result.message, result.detail);
  };
}
