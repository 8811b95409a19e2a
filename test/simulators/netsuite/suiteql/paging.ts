import { NsError } from '../responses.ts';

/** Collection paging (spec §3.6, §6.1): default and maximum page 1000. */
export const MAX_LIMIT = 1000;

export interface Page {
  limit: number;
  offset: number;
}

function invalidParameter(name: 'limit' | 'offset', detail: string): NsError {
  return new NsError(400, 'INVALID_PARAMETER', detail, { 'o:errorQueryParam': name });
}

export function parsePage(limitParam: string | undefined, offsetParam: string | undefined, aligned: boolean): Page {
  const limit = limitParam === undefined ? MAX_LIMIT : wholeNumber(limitParam);
  if (limit === undefined || limit < 1 || limit > MAX_LIMIT) {
    throw invalidParameter(
      'limit',
      `Invalid value for the limit parameter: ${limitParam}. Use a value between 1 and ${MAX_LIMIT}.`,
    );
  }
  const offset = offsetParam === undefined ? 0 : wholeNumber(offsetParam);
  if (offset === undefined) {
    throw invalidParameter(
      'offset',
      `Invalid value for the offset parameter: ${offsetParam}. Use a non-negative integer.`,
    );
  }
  if (aligned && offset % limit !== 0) {
    throw invalidParameter(
      'offset',
      `Invalid value for the offset parameter: ${offset}. The offset must be divisible by the limit.`,
    );
  }
  return { limit, offset };
}

function wholeNumber(text: string): number | undefined {
  return /^\d{1,9}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

export interface Link {
  rel: string;
  href: string;
}

/** `first`/`prev` when not on the first page, `next`/`last` when more can be reached, always `self` (spec §3.6). */
export function pageLinks(base: string, page: Page, reachable: number, hasMore: boolean): Link[] {
  const href = (offset: number) => `${base}?limit=${page.limit}&offset=${offset}`;
  const links: Link[] = [];
  if (page.offset > 0) {
    links.push({ rel: 'first', href: href(0) });
    links.push({ rel: 'prev', href: href(Math.max(0, page.offset - page.limit)) });
  }
  if (hasMore) {
    links.push({ rel: 'next', href: href(page.offset + page.limit) });
    links.push({ rel: 'last', href: href(Math.max(0, Math.floor((reachable - 1) / page.limit) * page.limit)) });
  }
  links.push({ rel: 'self', href: href(page.offset) });
  return links;
}

/** Past the row cap (spec §6.1; UNCERTAIN whether NetSuite fails or stops there — the simulator fails loudly). */
export function beyondResultCap(offset: number, maxResults: number): NsError {
  return invalidParameter(
    'offset',
    `Invalid value for the offset parameter: ${offset}. A query can page through at most ${maxResults} results.`,
  );
}
