import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type PortEntry = string | number | { target: number; published?: string | number; host_ip?: string };
type VolumeEntry = string | { type?: string; source?: string; target: string };

interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  depends_on?: string[] | Record<string, { condition?: string }>;
  environment?: string[] | Record<string, string | number | boolean | null>;
  ports?: PortEntry[];
  volumes?: VolumeEntry[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));
const readmePath = join(repositoryRoot, 'README.md');
const compose = parse(readFileSync(join(repositoryRoot, 'docker-compose.yml'), 'utf8')) as ComposeFile;

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function environmentOf(name: string): Record<string, string> {
  const environment = service(name).environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const equals = entry.indexOf('=');
        return equals === -1 ? [entry, ''] : [entry.slice(0, equals), entry.slice(equals + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(environment).map(([key, value]) => [key, String(value ?? '')]));
}

/** Every string in the parsed document, keys included: where compose interpolates `${…}`. */
function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...stringsIn(inner)]);
  }
  return [];
}

/** `${VAR}`, `$VAR` and lone `$` references; `$$` is compose's escaped dollar sign. */
function interpolationsIn(text: string): string[] {
  return text.replaceAll('$$', '').match(/\$(\{[^}]*\}|[A-Za-z_]\w*)?/g) ?? [];
}

const requiredWithMessage = (variable: string) => new RegExp(`^\\$\\{${variable}:\\?.+\\}$`);
const requiredOrDefaulted = /^\$\{[A-Za-z_]\w*(:\?.+|:?-.*)\}$/;

function withPlaceholders(value: string): string {
  return value.replace(/\$\{[^}]*\}/g, 'placeholder');
}

function namedVolumeSource(entry: VolumeEntry): string | undefined {
  if (typeof entry !== 'string') return entry.type === 'volume' ? entry.source : undefined;
  const [source, target] = entry.split(':');
  if (target === undefined || source === undefined) return undefined;
  return /^[.~/]/.test(source) ? undefined : source;
}

describe('docker-compose.yml', () => {
  it('describes wordpress, mariadb, postgres and the sidecar', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['wordpress', 'mariadb', 'postgres', 'sidecar']),
    );
  });

  it('builds the sidecar from sidecar/Dockerfile with the repository root as context', () => {
    const build = service('sidecar').build;
    expect(build).toEqual({ context: '.', dockerfile: 'sidecar/Dockerfile' });
    expect(existsSync(join(repositoryRoot, 'sidecar/Dockerfile'))).toBe(true);
  });

  it('starts the sidecar once postgres is healthy', () => {
    expect(service('sidecar').depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
  });

  it('binds the sidecar on all container interfaces and points it at the postgres service', () => {
    const environment = environmentOf('sidecar');
    expect(environment.HOST).toBe('0.0.0.0');
    expect(environment.DATABASE_URL).toBeDefined();
    const databaseUrl = new URL(withPlaceholders(environment.DATABASE_URL ?? ''));
    expect(databaseUrl.protocol).toBe('postgres:');
    expect(databaseUrl.hostname).toBe('postgres');
    expect(environment.MLC_PUBLIC_URL).toBe('http://sidecar:8787');
  });

  it('refuses to start without the master key and admin token', () => {
    const environment = environmentOf('sidecar');
    expect(environment.MLC_MASTER_KEY).toMatch(requiredWithMessage('MLC_MASTER_KEY'));
    expect(environment.MLC_ADMIN_TOKEN).toMatch(requiredWithMessage('MLC_ADMIN_TOKEN'));
  });

  it('takes every variable from the environment as required or with a default', () => {
    const references = stringsIn(compose).flatMap(interpolationsIn);
    expect(references.length).toBeGreaterThan(0);
    expect(references.filter((reference) => !requiredOrDefaulted.test(reference))).toEqual([]);
  });

  it('declares every named volume the services use', () => {
    const used = Object.values(compose.services).flatMap((entry) =>
      (entry.volumes ?? []).map(namedVolumeSource).filter((source) => source !== undefined),
    );
    expect(used.length).toBeGreaterThan(0);
    const declared = Object.keys(compose.volumes ?? {});
    expect(used.filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('publishes the sidecar on the host loopback only', () => {
    const ports = service('sidecar').ports ?? [];
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) {
      if (typeof port === 'object') expect(port.host_ip).toBe('127.0.0.1');
      else expect(String(port)).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    }
  });

  it.skipIf(!existsSync(readmePath))('documents every sidecar variable in the README configuration table', () => {
    const tableRows = readFileSync(readmePath, 'utf8')
      .split('\n')
      .filter((line) => line.trimStart().startsWith('|'));
    const undocumented = Object.keys(environmentOf('sidecar')).filter(
      (name) => !tableRows.some((row) => new RegExp(`\\b${name}\\b`).test(row)),
    );
    expect(undocumented).toEqual([]);
  });
});
