import { execFile, execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDebianPackages } from '../support/debian-packages.ts';

/**
 * The plugin's WooCommerce-dependent PHP (API key, webhooks, Connect/Disconnect, the reach filters, pairing),
 * checked by the PHP harness in test/php/ against stand-ins that follow WooCommerce's and WordPress's own code,
 * with WordPress 6.1's real hooks, formatting and http.php. Each PHP case is one test here.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNNER = join(ROOT, 'test/php/run.php');
const PLUGIN = join(ROOT, 'plugin');
const run = promisify(execFile);

interface CaseResult {
  case: string;
  ok: boolean;
  error?: string;
}

// php-cli runs the harness; wordpress provides the real wp-includes it loads.
ensureDebianPackages(['php-cli', 'wordpress']);
const caseNames: string[] = execFileSync('php', [RUNNER, '--list'], { encoding: 'utf8', timeout: 30_000 })
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as string);

const phpFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : phpFiles(path);
    return entry.name.endsWith('.php') ? [path] : [];
  });

describe('plugin PHP', () => {
  it('every file under plugin/ passes php -l', async () => {
    const files = phpFiles(PLUGIN);
    expect(files.length).toBeGreaterThan(10);
    const checks = await Promise.all(
      files.map((file) =>
        run('php', ['-l', file], { timeout: 30_000 }).then(
          () => null,
          (error: { stdout?: string }) => `${file}: ${error.stdout ?? String(error)}`,
        ),
      ),
    );
    expect(checks.filter((failure) => failure !== null)).toEqual([]);
  });

  describe('harness (test/php/run.php)', () => {
    const results = new Map<string, CaseResult>();

    beforeAll(async () => {
      // The runner exits 1 when a case fails; its JSON lines are read either way.
      const { stdout } = await run('php', [RUNNER], { timeout: 60_000 }).catch(
        (error: { stdout?: string; stderr?: string; code?: number }) => {
          if (error.code === 1 && error.stdout) return { stdout: error.stdout };
          throw new Error(`PHP harness did not run: ${error.stderr ?? String(error)}`);
        },
      );
      for (const line of stdout.trim().split('\n')) {
        const result = JSON.parse(line) as CaseResult;
        results.set(result.case, result);
      }
    });

    it('found its cases', () => {
      expect(caseNames.length).toBeGreaterThanOrEqual(20);
    });

    it.each(caseNames)('%s', (name) => {
      const result = results.get(name);
      expect(result, `case "${name}" printed no result`).toBeDefined();
      expect(result?.ok, result?.error).toBe(true);
    });
  });
});
