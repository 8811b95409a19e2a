/**
 * `GET /record/v1/{type}?limit=&offset=&q=` (spec §3.6): items are `{links, id}` in id order; page size default and
 * maximum 1000; `offset` must be a multiple of `limit`; links next/last when more follow, prev/first past page one,
 * always self.
 */
import type { RecordType } from '../record-types.ts';
import { NsError, REST_PREFIX } from '../responses.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import { parseFilter } from './list-query.ts';
import { recordUrl } from './render.ts';

export const MAX_PAGE = 1000;

export interface ListQuery {
  limit?: string | undefined;
  offset?: string | undefined;
  q?: string | undefined;
}

function parameterError(name: string, detail: string): NsError {
  return new NsError(400, 'INVALID_PARAMETER', detail, { 'o:errorQueryParam': name });
}

function integerParameter(name: string, text: string | undefined, fallback: number, lowest: number): number {
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < lowest) {
    throw parameterError(name, `Invalid value for query parameter ${name}: ${text}.`);
  }
  return Number(text);
}

export function listRecords(sim: NetSuiteSimulator, type: RecordType, query: ListQuery, origin: string) {
  const limit = integerParameter('limit', query.limit, MAX_PAGE, 1);
  if (limit > MAX_PAGE)
    throw parameterError('limit', `Invalid value for query parameter limit: ${limit}. The maximum is ${MAX_PAGE}.`);
  const offset = integerParameter('offset', query.offset, 0, 0);
  if (offset % limit !== 0) {
    throw parameterError(
      'offset',
      `Invalid value for query parameter offset: ${offset}. The offset must be divisible by the limit.`,
    );
  }
  const filter = query.q ? parseFilter(type, query.q, sim.settings.oneWorld) : () => true;
  const matching = sim.store
    .all(type)
    .filter(filter)
    .sort((a, b) => Number(a.id) - Number(b.id));
  const page = matching.slice(offset, offset + limit);
  const total = matching.length;
  const hasMore = offset + page.length < total;
  const pageUrl = (at: number) => {
    const params = [...(query.q ? [`q=${encodeURIComponent(query.q)}`] : []), `limit=${limit}`, `offset=${at}`];
    return `${origin}${REST_PREFIX}/record/v1/${type}?${params.join('&')}`;
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [
    ...(offset > 0 ? [{ rel: 'first', href: pageUrl(0) }] : []),
    ...(offset > 0 ? [{ rel: 'prev', href: pageUrl(Math.max(0, offset - limit)) }] : []),
    ...(hasMore ? [{ rel: 'next', href: pageUrl(offset + limit) }] : []),
    ...(hasMore ? [{ rel: 'last', href: pageUrl(lastOffset) }] : []),
    { rel: 'self', href: pageUrl(offset) },
  ];
  return {
    links,
    count: page.length,
    hasMore,
    items: page.map((record) => ({
      links: [{ rel: 'self', href: recordUrl(origin, type, record.id) }],
      id: record.id,
    })),
    offset,
    totalResults: total,
  };
}
