import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Installs the Debian packages a test needs when they are missing (the machines come without PHP, WordPress and
 * Chromium; the suite must pass from nothing). Returns at once when every package is installed already.
 */

const POLICY_RC = '/usr/sbin/policy-rc.d';

const isInstalled = (name: string): boolean => {
  try {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's format
    const status = execFileSync('dpkg-query', ['-W', '-f=${db:Status-Status}', name], { encoding: 'utf8' });
    return status.trim() === 'installed';
  } catch {
    return false;
  }
};

export function missingDebianPackages(names: readonly string[]): string[] {
  return names.filter((name) => !isInstalled(name));
}

/**
 * `apt-get update` then `apt-get install` of what is missing. The `wordpress` package pulls in Apache; a
 * `policy-rc.d` that answers 101 keeps any service from starting during the install (it would take port 80).
 */
export function ensureDebianPackages(names: readonly string[]): void {
  const missing = missingDebianPackages(names);
  if (missing.length === 0) return;
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const run = (command: string[]) => {
    const [file, ...args] = [...asRoot, ...command];
    execFileSync(file as string, args, {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 15 * 60_000,
    });
  };
  const ownPolicy = !existsSync(POLICY_RC);
  if (ownPolicy) writeFileSync(POLICY_RC, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  try {
    run(['apt-get', 'update', '-q']);
    run(['apt-get', 'install', '-y', '-q', ...missing]);
  } finally {
    if (ownPolicy) rmSync(POLICY_RC, { force: true });
  }
}
