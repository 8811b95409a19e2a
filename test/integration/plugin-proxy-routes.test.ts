/**
 * The plugin's REST proxy forwards only what its allow-list names (plugin/includes/class-rest-proxy.php), so a sidecar
 * route the admin UI calls but the list lacks works in the UI's tests (which mock the proxy) and answers "no route"
 * in a real WordPress. Every operation the sidecar's OpenAPI document describes is therefore either proxied or left
 * out on purpose, with the reason; and every proxied route is one the sidecar serves, with those methods.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDebianPackages } from '../support/debian-packages.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

const PROXY = fileURLToPath(new URL('../../plugin/includes/class-rest-proxy.php', import.meta.url));

/** Sidecar operations the browser must not reach through WordPress, and why. */
const NOT_PROXIED: Record<string, string> = {
  'GET /secrets': 'secrets are managed on the sidecar, never through a browser',
  'PUT /secrets/{name}': 'secrets are managed on the sidecar, never through a browser',
  'DELETE /secrets/{name}': 'secrets are managed on the sidecar, never through a browser',
};

/** A value each path parameter could take, to try the proxy's patterns on. */
const SAMPLES: Record<string, string> = {
  id: '019a4c1e-7b2d-7c3e-9f10-1a2b3c4d5e6f',
  name: 'netsuite-stock',
  sku: 'TS-RED-M',
  webhookId: '12',
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** The allow-list as PHP evaluates it: WordPress route pattern → methods. */
function proxyRoutes(): Record<string, string[]> {
  const script = `define('ABSPATH', __DIR__); require ${JSON.stringify(PROXY)}; echo json_encode(ML_Connector\\Rest_Proxy::ROUTES);`;
  return JSON.parse(execFileSync('php', ['-r', script], { encoding: 'utf8', timeout: 30_000 })) as Record<
    string,
    string[]
  >;
}

/** A WordPress route pattern (PCRE, `(?P<name>…)`) as a whole-path JavaScript pattern. */
const wordpressPattern = (route: string) => new RegExp(`^/${route.replaceAll('(?P<', '(?<')}$`);

const samplePath = (template: string) =>
  template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const sample = SAMPLES[name];
    if (!sample) throw new Error(`No sample value for path parameter {${name}} of ${template}: add one to SAMPLES.`);
    return sample;
  });

describe("the plugin's REST proxy and the sidecar's API", () => {
  let sidecar: TestSidecar;
  let operations: { key: string; path: string; method: string }[];
  let routes: Record<string, string[]>;

  beforeAll(async () => {
    ensureDebianPackages(['php-cli']);
    routes = proxyRoutes();
    sidecar = await startTestSidecar('pglite');
    const document = (await sidecar.call('/api/v1/openapi.json')).json() as {
      paths: Record<string, Partial<Record<(typeof METHODS)[number], unknown>>>;
    };
    operations = Object.entries(document.paths).flatMap(([template, item]) =>
      METHODS.filter((method) => item[method]).map((method) => ({
        key: `${method.toUpperCase()} ${template}`,
        path: samplePath(template),
        method: method.toUpperCase(),
      })),
    );
  });
  afterAll(async () => {
    await sidecar?.close();
  });

  const proxied = (path: string, method: string) =>
    Object.entries(routes).some(([route, methods]) => methods.includes(method) && wordpressPattern(route).test(path));

  it('proxies every operation of the sidecar except those left out on purpose', () => {
    expect(operations.length).toBeGreaterThan(30);
    const missing = operations.filter((operation) => !proxied(operation.path, operation.method));
    expect(missing.map((operation) => operation.key).sort()).toEqual(Object.keys(NOT_PROXIED).sort());
  });

  it('proxies only operations the sidecar serves', () => {
    const served = (route: string, method: string) =>
      operations.some((operation) => operation.method === method && wordpressPattern(route).test(operation.path));
    const unknown = Object.entries(routes).flatMap(([route, methods]) =>
      methods.filter((method) => !served(route, method)).map((method) => `${method} ${route}`),
    );
    expect(unknown).toEqual([]);
  });
});
