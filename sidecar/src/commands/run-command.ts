import { realpathSync } from 'node:fs';
import { reportFailure } from '../operator-errors.ts';

/** True when `moduleFile` is the script node was started with (not merely imported, as the tests do). */
function startedAs(moduleFile: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === moduleFile;
  } catch {
    return false;
  }
}

/** Runs a command's body when its module is the script started; exit code 0, or 1 with the reason on stderr. */
export async function runCommand(name: string, moduleFile: string, body: () => Promise<void>): Promise<void> {
  if (!startedAs(moduleFile)) return;
  try {
    await body();
    process.exitCode = 0;
  } catch (error) {
    reportFailure(name, error);
    process.exitCode = 1;
  }
}
