/**
 * Is an update older than what was last written? WooCommerce builds each body at delivery time and sends
 * order.created and order.updated within the same second, so equal `date_modified_gmt` is NOT stale: the second
 * delivery may carry a newer state with the same second-resolution stamp, and applying it again is harmless
 * because writes are upserts.
 */
import { compareTimestamps, type UtcTimestamp } from '../../canonical/time.ts';

export function isStaleUpdate(incomingModifiedGmt: UtcTimestamp, lastWrittenModifiedGmt?: UtcTimestamp): boolean {
  return lastWrittenModifiedGmt !== undefined && compareTimestamps(incomingModifiedGmt, lastWrittenModifiedGmt) < 0;
}
