import type { TestSidecar } from './sidecar-harness.ts';

/** A job as `GET /api/v1/jobs/{id}` shows it. */
export interface JobDetail {
  id: string;
  kind: string;
  state: string;
  lastError: { code: string; message: string; detail?: unknown } | null;
  timeline: { type: string; message: string }[];
}

/** The states a job stays in until the merchant acts. */
const RESTING = ['succeeded', 'held', 'dead'] as const;

/**
 * Polls the job every 50 ms until it is in one of the `until` states (default: one it stays in), at most 25 s.
 * `jobId` is what a delivery answered: without one, the delivery started no job and the test fails.
 */
export async function settledJob(
  sidecar: TestSidecar,
  jobId: string | undefined,
  until: readonly string[] = RESTING,
): Promise<JobDetail> {
  if (!jobId) throw new Error('The delivery started no job.');
  for (const deadline = Date.now() + 25_000; Date.now() < deadline; ) {
    const job = (await sidecar.call(`/api/v1/jobs/${jobId}`)).json() as JobDetail;
    if (until.includes(job.state)) return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Job ${jobId} did not settle.`);
}
