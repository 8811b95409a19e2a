import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../db/client.ts';

export interface OrdersOnDay {
  /** A UTC calendar day, `YYYY-MM-DD`. */
  date: string;
  /** Orders whose sales order was first written to NetSuite that day (their order link was made). */
  synced: number;
  /** Order jobs that went to `held` that day (each job once a day, however often it was held). */
  held: number;
  /** Order jobs that went to `dead` that day (each job once a day). */
  dead: number;
}

export interface OrdersPerDayQuery {
  /** Days ending today (UTC), today included. */
  days: number;
  /** Only this connection's orders. */
  connectionId?: string | undefined;
}

/**
 * The Overview chart's figures, oldest day first, every day present. `synced` counts `order_links` by the time the
 * link was made, which the order flow does right after the sales order's first write (a rewrite only updates it);
 * `held` and `dead` count the `job.held` / `job.dead` transitions in the audit trail of jobs on an order entity
 * (`{platform}:{connection}:order:{id}`: the order flow and its refunds), so a job held, released and held again the
 * next day counts on both days, while the jobs table only knows its state now. Days are UTC days, by the database's
 * clock.
 */
export async function ordersPerDay(db: Queryable, query: OrdersPerDayQuery): Promise<OrdersOnDay[]> {
  const { days, connectionId } = query;
  const entityPattern = connectionId ? `%:${connectionId}:order:%` : '%:order:%';
  const rows = rowsOf<{ date: string; synced: string | number; held: string | number; dead: string | number }>(
    await db.execute(sql`
      with bounds as (
        select (now() at time zone 'UTC')::date - ${days - 1}::int as first_day,
               (now() at time zone 'UTC')::date as last_day
      ),
      happenings as (
        select (l.created_at at time zone 'UTC')::date as day, 'synced' as what, l.order_id as subject
          from order_links l, bounds b
         where l.created_at >= (b.first_day::timestamp at time zone 'UTC')
           and (${connectionId ?? null}::uuid is null or l.connection_id = ${connectionId ?? null}::uuid)
        union all
        select distinct (a.at at time zone 'UTC')::date as day,
               case a.type when 'job.held' then 'held' else 'dead' end as what, a.job_id::text as subject
          from audit_events a, bounds b
         where a.type in ('job.held', 'job.dead')
           and a.at >= (b.first_day::timestamp at time zone 'UTC')
           and a.entity_key like ${entityPattern}
      )
      select to_char(d.day, 'YYYY-MM-DD') as date,
             count(h.what) filter (where h.what = 'synced') as synced,
             count(h.what) filter (where h.what = 'held') as held,
             count(h.what) filter (where h.what = 'dead') as dead
        from bounds b
       cross join lateral generate_series(b.first_day, b.last_day, interval '1 day') as d(day)
        left join happenings h on h.day = d.day::date
       group by d.day
       order by d.day`),
  );
  return rows.map((row) => ({
    date: row.date,
    synced: Number(row.synced),
    held: Number(row.held),
    dead: Number(row.dead),
  }));
}
