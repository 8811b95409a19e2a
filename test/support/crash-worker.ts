/**
 * A sidecar process for the crash tests: its one job kind records each start and finish in a marker file, and the
 * first attempt hangs so the test can kill the process in the middle of it.
 */
import { appendFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../sidecar/src/config.ts';
import { enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import { startSidecar } from '../../sidecar/src/sidecar.ts';
import { CRASH_JOB_KEY, CRASHABLE_KIND } from './crash-job.ts';

const marker = process.env.CRASH_MARKER_FILE;
if (!marker) throw new Error('CRASH_MARKER_FILE is required');

const sidecar = await startSidecar(loadConfig(), {
  handlers: () =>
    new Map([
      [
        CRASHABLE_KIND,
        async (job) => {
          appendFileSync(marker, `start ${process.pid} ${job.attempts}\n`);
          if (job.attempts === 1) await sleep(60_000);
          appendFileSync(marker, `done ${process.pid} ${job.attempts}\n`);
        },
      ],
    ]),
});
if (process.env.CRASH_ENQUEUE_ON_START) {
  // Idempotent: the restarted process enqueues again and gets the same job back.
  const spec = { kind: CRASHABLE_KIND, entityKey: 'crash:1', idempotencyKey: CRASH_JOB_KEY, payload: {} };
  await sidecar.database.db.transaction((tx) => enqueueJob(tx, sidecar.audit, spec, 5));
  sidecar.worker.nudge();
}
process.once('SIGTERM', () => void sidecar.stop().then(() => process.exit(0)));
console.log('READY');
