/** Raises or resolves the `no_deliveries` warning of one connection from the silence rule (`delivery-silence.ts`). */
import { raiseAlert, resolveAlerts } from '../alerts/alerts.ts';
import type { Queryable } from '../db/client.ts';
import { judgeSilence, recentDeliveryTimes, type SilenceVerdict } from './delivery-silence.ts';

export const NO_DELIVERIES = 'no_deliveries';
export const noDeliveriesAlertKey = (connectionId: string) => `${NO_DELIVERIES}:${connectionId}`;

/** `2 days 3 h`, `5 h 20 min`, `45 min`: silences as a merchant reads them. */
export function spokenDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1_440);
  const hours = Math.floor((minutes % 1_440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} day${days === 1 ? '' : 's'}${hours > 0 ? ` ${hours} h` : ''}`;
  if (hours > 0) return `${hours} h${rest > 0 ? ` ${rest} min` : ''}`;
  return `${rest} min`;
}

export async function checkDeliverySilence(
  db: Queryable,
  connection: { id: string; name: string },
  now: Date,
): Promise<SilenceVerdict> {
  const verdict = judgeSilence(await recentDeliveryTimes(db, connection.id), now);
  const key = noDeliveriesAlertKey(connection.id);
  if (verdict.state !== 'silent') {
    await resolveAlerts(db, [key]);
    return verdict;
  }
  await raiseAlert(db, {
    kind: NO_DELIVERIES,
    severity: 'warning',
    connectionId: connection.id,
    dedupeKey: key,
    message:
      `NO_DELIVERIES: ${connection.name} has sent no webhook for ${spokenDuration(verdict.silentForMs)} (the last ` +
      `came at ${verdict.lastDeliveryAt.toISOString().slice(0, 16).replace('T', ' ')} UTC), longer than its traffic ` +
      `of the week before allows (${spokenDuration(verdict.allowedSilenceMs)}). Check that the store is up and that ` +
      'its webhooks are active (Connection → Webhooks). Orders placed meanwhile are still read from the store by the ' +
      'missed-webhook backfill.',
  });
  return verdict;
}
