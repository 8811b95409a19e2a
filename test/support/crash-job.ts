/** The one job the crash tests run (see crash-worker.ts). */
export const CRASHABLE_KIND = 'test.crashable';
export const CRASH_JOB_KEY = 'crash-test-job';
