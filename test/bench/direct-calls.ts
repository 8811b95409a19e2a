/**
 * The baseline a write-back bench compares the connector against: the same SuiteQL pages and the same WooCommerce
 * batch calls, sent straight to the simulators one after another (as the connector sends them), with none of the
 * connector's own work between them: no ledger, no database, no look-ups, no read-back.
 */
import { oauthNonce } from '../../sidecar/src/oauth1/encoding.ts';
import { oauthAuthorizationHeader, wooOAuthParams } from '../../sidecar/src/platforms/woocommerce/oauth1.ts';
import { WOO_BATCH_LIMIT, type WooProductUpdate } from '../../sidecar/src/platforms/woocommerce/rest-client.ts';
import type { NetSuiteSimulator } from '../simulators/netsuite/simulator.ts';

/** One SuiteQL query as a client sent it: its text and its bind values. */
export interface SuiteQlQuery {
  q: string;
  params: readonly (string | number)[];
}

export interface SuiteQlRecorder {
  /** The queries run since `start`, in order; the pages of one query count once. */
  queries: SuiteQlQuery[];
  stop(): void;
}

/**
 * Notes every query the simulator runs, so the baseline asks exactly what the connector asked. The request log
 * keeps no bodies; the engine sees each page's query, and consecutive pages of one query are one entry here.
 */
export function recordSuiteQl(sim: NetSuiteSimulator): SuiteQlRecorder {
  const engine = sim.suiteql;
  const execute = engine.execute;
  const queries: SuiteQlQuery[] = [];
  engine.execute = (q, params, now) => {
    const last = queries.at(-1);
    if (!(last && last.q === q && JSON.stringify(last.params) === JSON.stringify(params))) {
      queries.push({ q, params: [...params] });
    }
    return execute.call(engine, q, params, now);
  };
  return {
    queries,
    stop: () => {
      engine.execute = execute;
    },
  };
}

/** NetSuite's maximum SuiteQL page, the one the connector asks for. */
const PAGE_SIZE = 1000;
/** A query of more pages than this is a bench set up wrong: 100 000 rows is NetSuite's own ceiling. */
const MAX_PAGES = 100;

/** Reads every page of each query, one request at a time; answers the pages read. */
export async function readPagesDirectly(url: string, token: string, queries: readonly SuiteQlQuery[]): Promise<number> {
  let pages = 0;
  for (const query of queries) {
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await fetch(
        `${url}/services/rest/query/v1/suiteql?limit=${PAGE_SIZE}&offset=${page * PAGE_SIZE}`,
        {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', prefer: 'transient' },
          body: JSON.stringify({ q: query.q, params: query.params.map(String) }),
        },
      );
      const body = (await response.json()) as { hasMore?: boolean; items?: unknown[] };
      if (response.status !== 200) throw new Error(`SuiteQL page ${page}: ${response.status} ${JSON.stringify(body)}`);
      pages++;
      if (!body.hasMore || (body.items ?? []).length === 0) break;
    }
  }
  return pages;
}

/** A WooCommerce store served over HTTP, and its REST key. */
export interface DirectStore {
  url: string;
  credentials: { consumerKey: string; consumerSecret: string };
}

/**
 * Sends the updates to `POST /products/batch`, 100 a call, one call after another, each signed with OAuth 1.0a as
 * WooCommerce requires over plain HTTP; answers the calls made. Every item must be accepted.
 */
export async function batchDirectly(store: DirectStore, updates: readonly WooProductUpdate[]): Promise<number> {
  const url = `${store.url}/wp-json/wc/v3/products/batch`;
  let calls = 0;
  for (let start = 0; start < updates.length; start += WOO_BATCH_LIMIT) {
    const oauth = wooOAuthParams({
      method: 'POST',
      url,
      ...store.credentials,
      nonce: oauthNonce(32),
      timestamp: Math.floor(Date.now() / 1000),
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: oauthAuthorizationHeader(oauth),
      },
      body: JSON.stringify({ update: updates.slice(start, start + WOO_BATCH_LIMIT) }),
    });
    const body = (await response.json()) as { update?: { error?: unknown }[] };
    calls++;
    const refused = (body.update ?? []).filter((item) => item.error).length;
    if (response.status !== 200 || refused > 0) {
      throw new Error(`Batch call ${calls}: ${response.status}, ${refused} item(s) refused`);
    }
  }
  return calls;
}
