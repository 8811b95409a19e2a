import { z } from 'zod';

export type BuildErrorCode =
  | 'INVALID_AMOUNT'
  | 'INVALID_RATE'
  | 'INVALID_QUANTITY'
  | 'INVALID_ID'
  | 'INVALID_EXTERNAL_ID'
  | 'INVALID_DATE'
  | 'INVALID_COUNTRY'
  | 'INVALID_INPUT'
  | 'MISSING_FIELD'
  | 'NO_LINES'
  | 'TOTAL_MISMATCH'
  | 'UNBALANCED_JOURNAL';

const CODES: ReadonlySet<string> = new Set<BuildErrorCode>([
  'INVALID_AMOUNT',
  'INVALID_RATE',
  'INVALID_QUANTITY',
  'INVALID_ID',
  'INVALID_EXTERNAL_ID',
  'INVALID_DATE',
  'INVALID_COUNTRY',
  'INVALID_INPUT',
  'MISSING_FIELD',
  'NO_LINES',
  'TOTAL_MISMATCH',
  'UNBALANCED_JOURNAL',
]);

/** Why a body could not be built: a stable code for programs and a sentence for people. */
export class BuildError extends Error {
  readonly code: BuildErrorCode;

  constructor(code: BuildErrorCode, message: string) {
    super(message);
    this.name = 'BuildError';
    this.code = code;
  }
}

/** A builder's answer: the body, or the reason there is none. Builders never throw. */
export type Built<T> = { ok: true; value: T } | { ok: false; error: BuildError };

/** Runs a build, turning a BuildError or an input the zod schema refused into a value. */
export function attempt<T>(build: () => T): Built<T> {
  try {
    return { ok: true, value: build() };
  } catch (error) {
    if (error instanceof BuildError) return { ok: false, error };
    if (error instanceof z.ZodError) return { ok: false, error: fromZod(error) };
    throw error;
  }
}

/** The value, or the BuildError thrown: for callers (and tests) that treat a refused build as a bug. */
export function unwrap<T>(built: Built<T>): T {
  if (!built.ok) throw built.error;
  return built.value;
}

function fromZod(error: z.ZodError): BuildError {
  const issue = error.issues[0];
  if (!issue) return new BuildError('INVALID_INPUT', 'The input was refused.');
  const stated = issue.code === 'custom' ? issue.params?.code : undefined;
  const code = typeof stated === 'string' && CODES.has(stated) ? (stated as BuildErrorCode) : 'INVALID_INPUT';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return new BuildError(code, `${where}${issue.message}`);
}

/** A zod refinement whose failure carries a BuildError code. */
export const withCode = (code: BuildErrorCode, message: string) => ({ message, params: { code } });
