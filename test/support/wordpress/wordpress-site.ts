/**
 * A throwaway WordPress for the end-to-end test: Debian's WordPress 6.1 (/usr/share/wordpress) served by PHP's
 * built-in server on 127.0.0.1, on a MariaDB database of its own, installed through its own installer, with the
 * plugin under test symlinked into a content folder of its own and activated, and must-use plugins copied in.
 *
 * Nothing it makes outlives `close()`: the server's process group is stopped, the database dropped, the config file
 * (/etc/wordpress/config-mlc-e2e-<id>.php, picked by the router through Debian's WORDPRESS_CONFIG) and the content
 * folder with its symlinks removed. A start that fails half-way undoes what it had done before it throws.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMariaDbDatabase, MARIADB } from './mariadb.ts';

const WORDPRESS_ROOT = '/usr/share/wordpress';
const CONFIG_DIR = '/etc/wordpress';
const ROUTER = fileURLToPath(new URL('./router.php', import.meta.url));
const ACTIVATE = fileURLToPath(new URL('./activate-plugin.php', import.meta.url));
/** How long the server may take to answer its first request (default 20 s). */
const SERVER_READY_MS = 20_000;
/** PHP's built-in server is single-threaded unless told otherwise; a browser loads many files at once. */
const SERVER_WORKERS = '4';

export interface WordPressSiteOptions {
  /** The plugin under test: its folder (symlinked as wp-content/plugins/<slug>) and main file, activated. */
  plugin: { slug: string; dir: string; mainFile: string };
  /** PHP files copied into wp-content/mu-plugins. */
  muPlugins?: string[];
}

export interface WordPressSite {
  /** `http://127.0.0.1:<port>`, also WordPress's home and site URL. */
  url: string;
  admin: { user: string; password: string; email: string };
  /** What WordPress logged (WP_DEBUG_LOG): notices, warnings, fatal errors. */
  debugLog(): string;
  /** The last lines the PHP server printed (requests and its own errors). */
  serverLog(): string;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('No free port on 127.0.0.1');
  return address.port;
}

const phpString = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function configFile(settings: { dbName: string; url: string; contentDir: string }): string {
  const defines: [string, string | boolean][] = [
    ['DB_NAME', settings.dbName],
    ['DB_USER', MARIADB.user],
    ['DB_PASSWORD', MARIADB.password],
    ['DB_HOST', `${MARIADB.host}:${MARIADB.port}`],
    ['WP_HOME', settings.url],
    ['WP_SITEURL', settings.url],
    ['WP_CONTENT_DIR', settings.contentDir],
    ['WP_CONTENT_URL', `${settings.url}/wp-content`],
    // No cron spawning, no updates, no calls to wordpress.org: the machine may have no internet, and a dashboard
    // waiting on api.wordpress.org would time the test out. Requests to 127.0.0.1 (the sidecar) stay allowed.
    ['DISABLE_WP_CRON', true],
    ['AUTOMATIC_UPDATER_DISABLED', true],
    ['WP_HTTP_BLOCK_EXTERNAL', true],
    ['WP_DEBUG', true],
    ['WP_DEBUG_DISPLAY', false],
    ['WP_DEBUG_LOG', join(settings.contentDir, 'debug.log')],
    ['FS_METHOD', 'direct'],
  ];
  for (const key of ['AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE']) {
    defines.push([`${key}_KEY`, randomBytes(32).toString('hex')], [`${key}_SALT`, randomBytes(32).toString('hex')]);
  }
  const lines = defines.map(
    ([name, value]) => `define( '${name}', ${typeof value === 'boolean' ? String(value) : phpString(value)} );`,
  );
  return `<?php\n// Written by ml-connector's end-to-end test; removed when it ends.\n${lines.join('\n')}\n$table_prefix = 'wp_';\n`;
}

/** Keeps the last `limit` lines a stream printed. */
function tail(limit: number) {
  const lines: string[] = [];
  return {
    push(chunk: Buffer) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (lines.length > limit) lines.splice(0, lines.length - limit);
    },
    text: () => lines.join('\n'),
  };
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(r, 5_000, false))]);
  if (!stopped) {
    signal('SIGKILL');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  }
}

async function waitUntilServing(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + SERVER_READY_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`PHP's server exited (${server.exitCode}) before serving:\n${log()}`);
    try {
      if ((await fetch(`${url}/readme.html`, { signal: AbortSignal.timeout(2_000) })).status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline)
      throw new Error(`PHP's server at ${url} did not answer within ${SERVER_READY_MS} ms:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** WordPress's installer, step 2, as its form posts it. */
async function install(url: string, admin: WordPressSite['admin']): Promise<void> {
  const response = await fetch(`${url}/wp-admin/install.php?step=2`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({
      weblog_title: 'ml-connector end-to-end',
      user_name: admin.user,
      admin_password: admin.password,
      admin_password2: admin.password,
      pw_weak: 'on',
      admin_email: admin.email,
      blog_public: '0',
      language: '',
    }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = await response.text();
  if (response.status !== 200 || !body.includes('Success!')) {
    throw new Error(
      `WordPress's installer answered ${response.status}: ${body.replace(/<[^>]+>/g, ' ').slice(0, 800)}`,
    );
  }
}

export async function startWordPressSite(options: WordPressSiteOptions): Promise<WordPressSite> {
  const undo: (() => void | Promise<void>)[] = [];
  const close = async () => {
    const errors: unknown[] = [];
    for (const step of undo.reverse()) {
      try {
        await step();
      } catch (error) {
        errors.push(error);
      }
    }
    undo.length = 0;
    if (errors.length > 0) throw new AggregateError(errors, 'The WordPress site was not cleaned up completely');
  };

  try {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const id = randomBytes(6).toString('hex');
    const configName = `mlc-e2e-${id}`;
    const admin = { user: 'admin', password: randomBytes(12).toString('base64url'), email: 'admin@example.test' };

    const database = createMariaDbDatabase();
    undo.push(() => database.drop());

    const contentDir = mkdtempSync(join(tmpdir(), 'mlc-wp-content-'));
    undo.push(() => rmSync(contentDir, { recursive: true, force: true }));
    for (const folder of ['plugins', 'mu-plugins', 'uploads']) mkdirSync(join(contentDir, folder));
    // Symlinks are removed as links by rmSync (it never follows them), so the project's plugin folder is safe.
    symlinkSync(join(WORDPRESS_ROOT, 'wp-content/themes'), join(contentDir, 'themes'));
    symlinkSync(options.plugin.dir, join(contentDir, 'plugins', options.plugin.slug));
    for (const file of options.muPlugins ?? []) copyFileSync(file, join(contentDir, 'mu-plugins', basename(file)));

    const configPath = join(CONFIG_DIR, `config-${configName}.php`);
    writeFileSync(configPath, configFile({ dbName: database.name, url, contentDir }), { mode: 0o640 });
    undo.push(() => rmSync(configPath, { force: true }));

    const serverLog = tail(200);
    // OPcache is off for the CLI by default: without it every request compiles WordPress anew (about a second).
    const phpArgs = ['-d', 'opcache.enable_cli=1', '-S', `127.0.0.1:${port}`, '-t', WORDPRESS_ROOT, ROUTER];
    const server = spawn('php', phpArgs, {
      cwd: WORDPRESS_ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        MLC_WP_CONFIG: configName,
        MLC_WP_CONTENT_DIR: contentDir,
        PHP_CLI_SERVER_WORKERS: SERVER_WORKERS,
      },
    });
    server.stdout?.on('data', serverLog.push);
    server.stderr?.on('data', serverLog.push);
    undo.push(() => stopProcessGroup(server));
    await waitUntilServing(url, server, serverLog.text);

    await install(url, admin);
    try {
      execFileSync('php', [ACTIVATE, configName, `127.0.0.1:${port}`, options.plugin.mainFile], {
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
      });
    } catch (error) {
      const output = (error as { stderr?: Buffer; stdout?: Buffer }).stderr?.toString() ?? String(error);
      throw new Error(`Activating ${options.plugin.mainFile} failed: ${output}`);
    }

    const debugLogPath = join(contentDir, 'debug.log');
    return {
      url,
      admin,
      debugLog: () => {
        try {
          return readFileSync(debugLogPath, 'utf8');
        } catch {
          return '';
        }
      },
      serverLog: serverLog.text,
      close,
    };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}
