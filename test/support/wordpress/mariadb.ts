/**
 * A MariaDB database of its own for one test run, on the server these machines run at 127.0.0.1:3306 (root, no
 * password). Created and dropped through PHP's mysqli, which the WordPress test needs installed anyway.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export const MARIADB = { host: '127.0.0.1', port: 3306, user: 'root', password: '' } as const;

/** Runs one statement; throws with MariaDB's own message when it fails (the server not running, say). */
function runStatement(sql: string): void {
  const script =
    '$m = @new mysqli($argv[1], $argv[2], $argv[3], "", (int) $argv[4]);' +
    'if ($m->connect_errno) { fwrite(STDERR, $m->connect_error); exit(1); }' +
    'if (!$m->query($argv[5])) { fwrite(STDERR, $m->error); exit(1); }';
  try {
    execFileSync('php', ['-r', script, '--', MARIADB.host, MARIADB.user, MARIADB.password, String(MARIADB.port), sql], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 20_000,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new Error(`MariaDB at ${MARIADB.host}:${MARIADB.port} refused "${sql}": ${stderr || String(error)}`);
  }
}

export interface MariaDbDatabase {
  name: string;
  drop(): void;
}

/** Creates `mlc_e2e_<random>`; `drop()` removes it. */
export function createMariaDbDatabase(): MariaDbDatabase {
  const name = `mlc_e2e_${randomBytes(6).toString('hex')}`;
  runStatement(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  return { name, drop: () => runStatement(`DROP DATABASE IF EXISTS \`${name}\``) };
}
