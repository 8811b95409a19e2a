import { NsError } from '../responses.ts';
import { describeAliases } from './aliases.ts';

const PREFIX = 'Invalid search query. Detailed unprocessed description follows. Search error occurred:';

/** SuiteQL errors name the body field `q` as the faulty query parameter (real traffic, spec §4.2 [T8]). */
export function invalidSearch(description: string): NsError {
  return new NsError(400, 'INVALID_PARAMETER', `${PREFIX} ${description}`, { 'o:errorQueryParam': 'q' });
}

export const unsupportedSearch = () => invalidSearch('Invalid or unsupported search.');

export function unknownIdentifier(identifier: string, aliases: Map<string, string>): NsError {
  const available = aliases.size ? ` Available identifiers are: ${describeAliases(aliases)}.` : '';
  return invalidSearch(`Unknown identifier '${identifier}'.${available}`);
}

/** What the database underneath reported, if it was the query's fault (PostgreSQL's SQLSTATE is set). */
interface DatabaseFailure {
  code: string;
  message: string;
}

const isDatabaseFailure = (error: unknown): error is DatabaseFailure =>
  error instanceof Error && typeof (error as { code?: unknown }).code === 'string';

/**
 * A database error as NetSuite would answer it: unknown tables and columns by name, anything else as the generic
 * "Invalid or unsupported search" — never PostgreSQL's own text. Not a database error: undefined (a simulator bug).
 */
export function translateDatabaseError(error: unknown, aliases: Map<string, string>): NsError | undefined {
  if (!isDatabaseFailure(error)) return undefined;
  const identifier = unknownIdentifierIn(error);
  return identifier ? unknownIdentifier(identifier, aliases) : unsupportedSearch();
}

function unknownIdentifierIn({ code, message }: DatabaseFailure): string | undefined {
  const match =
    code === '42703'
      ? /^column (.+?) does not exist/.exec(message)
      : code === '42P01'
        ? /^(?:relation|missing FROM-clause entry for table) (.+?)(?: does not exist)?$/.exec(message)
        : null;
  return match?.[1]?.replaceAll('"', '').replace(/^public\./, '');
}
