import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { JobErrorRecord, jobs } from '../db/schema.ts';

export type Job = typeof jobs.$inferSelect;
export type JobState = Job['state'];
export type { JobErrorRecord };

/** States after which a job no longer blocks the later jobs of its entity. */
export const SETTLED_STATES = ['succeeded', 'cancelled'] as const satisfies readonly JobState[];

/** Column changes of a job update; values may be SQL (`now()`, `attempts + 1`). */
export type JobChanges = PgUpdateSetSource<typeof jobs>;
