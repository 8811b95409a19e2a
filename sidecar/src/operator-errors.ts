/** Failures whose message tells the operator what to do: printed alone, since a stack trace would only hide it. */
const OPERATOR_ERROR_CODES = new Set([
  'CONFIG_INVALID',
  'DATA_DIR_LOCKED',
  'MASTER_KEY_INVALID',
  'MASTER_KEY_MISMATCH',
  'ROTATION_REFUSED',
]);

/** Prints why `what` failed to stderr: the operator's sentence, or the whole error when it is ours to debug. */
export function reportFailure(what: string, error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && OPERATOR_ERROR_CODES.has(code)) console.error(`${what}: ${(error as Error).message}`);
  else console.error(`${what}:`, error);
}
