import { jsonOf, type NetSuiteTransport } from './transport.ts';

/** One SuiteQL row (spec §6.1): lower-cased column names, every value a string, NULL columns absent. */
export type SuiteQlRow = Record<string, string>;

/** Bind values for the query's `?` placeholders; NetSuite takes them as strings. */
export type SuiteQlParam = string | number;

export interface SuiteQlOptions {
  signal?: AbortSignal | undefined;
  /** Rows per page (default and NetSuite's maximum: 1000); kept fixed, since offsets must be multiples of it. */
  pageSize?: number;
}

interface SuiteQlPage {
  items?: ({ links?: unknown } & Record<string, unknown>)[];
  hasMore?: boolean;
}

const SUITEQL_PATH = '/services/rest/query/v1/suiteql';
const MAX_PAGE_SIZE = 1000;

/**
 * The rows of a SuiteQL query, page by page as the caller consumes them. NetSuite serves at most 100 000 rows of
 * one query (spec §6.1): poll with `ORDER BY lastmodifieddate, id` and a keyset condition, not with deep offsets.
 */
export async function* suiteQlRows(
  transport: NetSuiteTransport,
  query: string,
  params: readonly SuiteQlParam[] = [],
  options: SuiteQlOptions = {},
): AsyncGenerator<SuiteQlRow, void, undefined> {
  const limit = Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const json = params.length > 0 ? { q: query, params: params.map(String) } : { q: query };
  for (let offset = 0; ; offset += limit) {
    const response = await transport.request({
      method: 'POST',
      path: SUITEQL_PATH,
      query: { limit, offset },
      json,
      // Spec §6.1: documented as required, and without it NetSuite may refuse the query.
      headers: { prefer: 'transient' },
      signal: options.signal,
    });
    const page = jsonOf<SuiteQlPage>(response, `POST ${SUITEQL_PATH}`);
    for (const { links: _links, ...row } of page.items ?? []) yield row as SuiteQlRow;
    if (!page.hasMore || (page.items ?? []).length === 0) return;
  }
}
