import { z } from 'zod';

/** Longest artificial latency or jitter: keeps every wait bounded. */
const MAX_DELAY_MS = 60_000;

const faultInput = z.strictObject({
  kind: z.union([z.literal(503), z.literal(500), z.literal(429), z.literal('reset'), z.literal('stall')]),
  /** Chance that a matching request gets the fault; ignored when `every` is given. */
  rate: z.number().min(0).max(1).default(0),
  /** Deterministic instead: every n-th request this fault is checked for gets it, so a test knows it happens. */
  every: z.number().int().min(1).optional(),
  /** `before`: answered instead of the handler; `after`: the handler runs (the write happens), its answer is lost. */
  phase: z.enum(['before', 'after']),
  /** Regular expression matched against the request path (`/services/rest/record/v1/salesOrder`). */
  path: z.string().refine(isRegExp, { message: 'not a valid regular expression' }).optional(),
});

export type Fault = z.infer<typeof faultInput>;

/** Body of `PUT /__sim/governance`: every field optional, absent fields keep their value. */
export const governanceInput = z.strictObject({
  /** Account concurrency limit (spec §5.1). */
  concurrencyLimit: z.number().int().min(1).max(1000).optional(),
  /** A limit allocated to the integration (spec §5.1, [S30]); `null` removes it. */
  integrationConcurrencyLimit: z.number().int().min(1).max(999).nullable().optional(),
  latencyMs: z.number().int().min(0).max(MAX_DELAY_MS).optional(),
  jitterMs: z.number().int().min(0).max(MAX_DELAY_MS).optional(),
  faults: z.array(faultInput).max(100).optional(),
});

export type GovernanceInput = z.infer<typeof governanceInput>;

export interface GovernanceSettings {
  concurrencyLimit: number;
  integrationConcurrencyLimit: number | null;
  latencyMs: number;
  jitterMs: number;
  faults: Fault[];
}

/** Premium tier (spec §5.1), no allocation, no latency, no faults. */
export function defaultGovernanceSettings(): GovernanceSettings {
  return { concurrencyLimit: 15, integrationConcurrencyLimit: null, latencyMs: 0, jitterMs: 0, faults: [] };
}

function isRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
