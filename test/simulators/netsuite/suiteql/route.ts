import type { Context, Hono } from 'hono';
import { MEDIA_TYPE, NsError, REST_PREFIX } from '../responses.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import { beyondResultCap, pageLinks, parsePage } from './paging.ts';

const PATH = '/query/v1/suiteql';
const MALFORMED = 'The request could not be understood by the server due to malformed syntax.';

interface SuiteQlBody {
  q: string;
  params: (string | number)[];
}

/** `POST /services/rest/query/v1/suiteql?limit=&offset=` (spec §6.1). */
export function registerSuiteQlRoutes(rest: Hono, sim: NetSuiteSimulator): void {
  rest.post(PATH, async (c) => {
    const transient = prefersTransient(c.req.header('prefer'));
    if (!transient && sim.settings.requireTransient) {
      throw new NsError(400, 'INVALID_REQUEST', MALFORMED, { 'o:errorHeader': 'Prefer' });
    }
    const engine = sim.suiteql;
    const page = parsePage(c.req.query('limit'), c.req.query('offset'), engine.requireAlignedOffset);
    const body = parseBody(await c.req.text());
    if (page.offset >= engine.maxResults) throw beyondResultCap(page.offset, engine.maxResults);

    const result = await engine.execute(body.q, body.params, sim.clock.now());
    const reachable = Math.min(result.totalResults, engine.maxResults);
    const items =
      page.offset < reachable ? result.items(page.offset, Math.min(page.limit, reachable - page.offset)) : [];
    const hasMore = page.offset + items.length < result.totalResults;
    const payload = {
      links: pageLinks(baseUrl(c), page, reachable, hasMore),
      count: items.length,
      hasMore,
      items,
      offset: page.offset,
      totalResults: result.totalResults,
    };
    return c.body(JSON.stringify(payload), 200, {
      'Content-Type': MEDIA_TYPE.collection,
      ...(transient ? { 'Preference-Applied': 'transient' } : {}),
    });
  });
}

function prefersTransient(prefer: string | undefined): boolean {
  return (prefer ?? '').split(',').some((preference) => preference.split(';')[0]?.trim().toLowerCase() === 'transient');
}

function parseBody(text: string): SuiteQlBody {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new NsError(400, 'INVALID_REQUEST', MALFORMED);
  }
  if (!body || typeof body !== 'object' || typeof (body as { q?: unknown }).q !== 'string') {
    throw new NsError(400, 'INVALID_REQUEST', MALFORMED, { 'o:errorPath': 'q' });
  }
  const { q, params = [] } = body as { q: string; params?: unknown };
  const bindable = (value: unknown) =>
    typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
  if (params !== null && !(Array.isArray(params) && params.every(bindable))) {
    throw new NsError(400, 'INVALID_REQUEST', MALFORMED, { 'o:errorPath': 'params' });
  }
  return { q, params: (params ?? []) as (string | number)[] };
}

/** Links point where the client called, as NetSuite's point at the account's own host. */
const baseUrl = (c: Context) => `${new URL(c.req.url).origin}${REST_PREFIX}${PATH}`;
