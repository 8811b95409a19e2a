/** Configuration the sidecar refuses (bad input, unknown or conflicting records); the admin API answers with it. */
export class ConfigError extends Error {
  readonly status: 400 | 404 | 409;
  readonly code: string;

  constructor(status: ConfigError['status'], code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids come from URLs and request bodies: anything else than a UUID names no record (and must not reach a query). */
export const isUuid = (value: string): boolean => UUID.test(value);
