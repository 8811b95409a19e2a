import { AsyncLocalStorage } from 'node:async_hooks';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { Redactor } from './redact.ts';

export type { Logger } from 'pino';

/** Fields every log line carries while they are in scope: the request id of an HTTP call, the id of a job. */
export type LogContext = { requestId?: string; jobId?: string; jobKind?: string; entityKey?: string };

const logContext = new AsyncLocalStorage<LogContext>();

export function withLogContext<T>(fields: LogContext, run: () => T): T {
  return logContext.run({ ...logContext.getStore(), ...fields }, run);
}

export function currentLogContext(): LogContext {
  return logContext.getStore() ?? {};
}

export interface LoggerOptions {
  level: string;
  redactor: Redactor;
  /** Where JSON lines go (default stdout). */
  destination?: DestinationStream;
}

export function createLogger({ level, redactor, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service: 'ml-connector' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => currentLogContext(),
      // The last word on every line: no known secret leaves the process, whatever a caller put in it.
      hooks: { streamWrite: (line) => redactor.scrub(line) },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
