import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../db/client.ts';
import { orderLinks } from '../db/schema.ts';

/**
 * The newest `date_modified_gmt` the connector already has for each of these records, by entity key: from the stored
 * deliveries (webhook or backfill) whose jobs work on the entity, and, for orders, from what the order flow last wrote
 * to NetSuite. A record is missing when the store's version is newer than this, or it has none.
 *
 * Deliveries are found through their jobs (`jobs.entity_key` is indexed; a delivery's job has the idempotency key
 * `inbound:{event id}`), so no scan of a store's deliveries is needed.
 */
export async function latestSeenModified(
  db: Queryable,
  connectionId: string,
  resource: 'order' | 'customer',
  ids: readonly string[],
): Promise<Map<string, string>> {
  const seen = new Map<string, string>();
  if (ids.length === 0) return seen;
  const keyOf = (id: string) => `woocommerce:${connectionId}:${resource}:${id}`;
  const note = (id: string, modified: string | null | undefined) => {
    const utc = modified ? wooGmtToIso(modified) : undefined;
    const current = seen.get(id);
    if (utc && (!current || utc > current)) seen.set(id, utc);
  };

  const keys = ids.map(keyOf);
  const rows = rowsOf<{ entity_key: string; modified: string | null }>(
    await db.execute(sql`
      select j.entity_key, max(e.body::jsonb ->> 'date_modified_gmt') as modified
      from jobs j
      join inbound_events e
        on e.id = case when j.idempotency_key ~ '^inbound:[0-9a-f-]{36}$'
                       then substr(j.idempotency_key, 9)::uuid end
      where j.entity_key in (${sql.join(
        keys.map((key) => sql`${key}`),
        sql`, `,
      )})
        and e.connection_id = ${connectionId}
        and e.topic like ${`${resource}.%`}
        and e.body is not null
      group by j.entity_key`),
  );
  const idByKey = new Map(ids.map((id) => [keyOf(id), id]));
  for (const row of rows) {
    const id = idByKey.get(row.entity_key);
    if (id) note(id, row.modified);
  }

  if (resource === 'order') {
    const links = await db
      .select({ orderId: orderLinks.orderId, lastModifiedGmt: orderLinks.lastModifiedGmt })
      .from(orderLinks)
      .where(and(eq(orderLinks.connectionId, connectionId), inArray(orderLinks.orderId, [...ids])));
    for (const link of links) note(link.orderId, link.lastModifiedGmt);
  }
  return seen;
}

/**
 * WooCommerce's zone-less GMT text (`2026-11-23T15:33:51`) or canonical UTC text, as canonical UTC
 * (`2026-11-23T15:33:51.000Z`), so versions from either source compare as strings; undefined when unreadable.
 */
export function wooGmtToIso(text: string): string | undefined {
  const zoned = /(?:Z|[+-]\d{2}:\d{2})$/i.test(text);
  const millis = Date.parse(zoned ? text : `${text}Z`);
  return Number.isNaN(millis) ? undefined : new Date(millis).toISOString();
}
