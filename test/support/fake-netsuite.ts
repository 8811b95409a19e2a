import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { type CryptoKey, jwtVerify } from 'jose';
import { KEEP_ALIVE_SERVER_OPTIONS } from '../../sidecar/src/http/keep-alive.ts';
import { type TbaCredentials, tbaAuthorizationHeader } from '../../sidecar/src/netsuite/auth/tba-signature.ts';

export const ACCOUNT = 'TSTDRV1234567';
export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';
const JSON_ERROR = 'application/vnd.oracle.resource+json; type=error; charset=UTF-8';

export type FaultKind = '400' | '503' | '429' | 'hang' | 'reset';

export interface Fault {
  /** Matched against `METHOD /path` (no query). */
  match: RegExp;
  kind: FaultKind;
  /** Do the request's work first, then fail: the write happened but its answer is lost. */
  afterWork?: boolean;
  retryAfter?: string;
  times: number;
}

export interface SeenRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string;
}

export interface FakeRecord {
  id: string;
  externalId?: string;
  fields: Record<string, unknown>;
}

function nsError(status: number, code: string, detail: string): Response {
  const body = { type: 'https://www.rfc-editor.org/rfc/rfc9110.html', title: 'Error', status };
  return new Response(JSON.stringify({ ...body, 'o:errorDetails': [{ detail, 'o:errorCode': code }] }), {
    status,
    headers: { 'content-type': JSON_ERROR },
  });
}

/**
 * A tiny NetSuite on 127.0.0.1: the M2M token endpoint (verifying the client assertion against the certificate's
 * public key), TBA verification, a record store with externalIds, SuiteQL paging, governance, and faults to order.
 */
export class FakeNetSuite {
  url = '';
  clock = { now: Date.now() };
  publicKey: CryptoKey | undefined;
  tba: { credentials: TbaCredentials; realm: string } | undefined;
  tokenRequests = 0;
  assertions: string[] = [];
  issued: string[] = [];
  valid = new Set<string>();
  /** Refuse every bearer token, even fresh ones (credentials revoked in NetSuite). */
  refuseAll = false;
  records = new Map<string, FakeRecord>();
  nextId = 100;
  requests: SeenRequest[] = [];
  faults: Fault[] = [];
  inFlight = 0;
  peak = 0;
  delayMs = 0;
  omitLocationOnUpsert = false;
  governance: Record<string, unknown> = { accountConcurrencyLimit: 5, accountUnallocatedConcurrencyLimit: 5 };
  suiteQlRows: Record<string, string>[] = [];
  #server: ReturnType<typeof serve> | undefined;

  reset(): void {
    this.tokenRequests = 0;
    this.assertions = [];
    this.issued = [];
    this.valid.clear();
    this.refuseAll = false;
    this.records.clear();
    this.nextId = 100;
    this.requests = [];
    this.faults = [];
    this.inFlight = 0;
    this.peak = 0;
    this.delayMs = 0;
    this.omitLocationOnUpsert = false;
    this.tba = undefined;
    this.clock.now = Date.now();
  }

  seen(method: string, pattern: RegExp): SeenRequest[] {
    return this.requests.filter((request) => request.method === method && pattern.test(request.path));
  }

  async start(): Promise<void> {
    const app = new Hono();
    app.post(TOKEN_PATH, async (c) => this.#token(c.req.raw));
    app.all('/services/rest/*', async (c) => {
      const { incoming } = c.env as { incoming: IncomingMessage };
      return this.#resource(c.req.raw, () => incoming.socket.destroy());
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve(
        { fetch: app.fetch, port: 0, hostname: '127.0.0.1', serverOptions: KEEP_ALIVE_SERVER_OPTIONS },
        () => resolve(started),
      );
    });
    this.#server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    if ('closeAllConnections' in server) server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  async #token(request: Request): Promise<Response> {
    this.tokenRequests++;
    const form = new URLSearchParams(await request.text());
    const assertion = form.get('client_assertion') ?? '';
    this.assertions.push(assertion);
    if (
      form.get('grant_type') !== 'client_credentials' ||
      form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' ||
      !this.publicKey
    ) {
      return Response.json({ error: 'invalid_request' }, { status: 400 });
    }
    try {
      await jwtVerify(assertion, this.publicKey, {
        audience: `${this.url}${TOKEN_PATH}`,
        issuer: 'client-1',
        currentDate: new Date(this.clock.now),
      });
    } catch {
      return Response.json({ error: 'invalid_client' }, { status: 401 });
    }
    const token = `access-${this.issued.length + 1}-${'x'.repeat(24)}`;
    this.issued.push(token);
    this.valid.add(token);
    return Response.json({ access_token: token, expires_in: '3600', token_type: 'bearer' });
  }

  #authorized(request: Request, url: URL): boolean {
    const authorization = request.headers.get('authorization') ?? '';
    if (this.tba) {
      const fields = Object.fromEntries(
        [...authorization.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], decodeURIComponent(match[2] ?? '')]),
      );
      const expected = tbaAuthorizationHeader(this.tba.credentials, {
        method: request.method,
        url: url.toString(),
        realm: this.tba.realm,
        nonce: fields.oauth_nonce ?? '',
        timestamp: Number(fields.oauth_timestamp),
      });
      return authorization === expected && fields.realm === this.tba.realm;
    }
    return !this.refuseAll && this.valid.has(authorization.replace(/^Bearer /, ''));
  }

  async #resource(request: Request, resetConnection: () => void): Promise<Response> {
    const url = new URL(request.url);
    const body = await request.text();
    this.requests.push({
      method: request.method,
      path: url.pathname,
      query: url.search,
      headers: Object.fromEntries(request.headers),
      body,
    });
    this.inFlight++;
    this.peak = Math.max(this.peak, this.inFlight);
    try {
      if (this.delayMs) await sleep(this.delayMs);
      if (!this.#authorized(request, url)) {
        return nsError(401, 'INVALID_LOGIN', 'Invalid login attempt.');
      }
      const fault = this.#takeFault(`${request.method} ${url.pathname}`);
      if (fault && !fault.afterWork) return this.#fail(fault, resetConnection);
      const response = this.#serve(request.method, url, body);
      return fault ? this.#fail(fault, resetConnection) : response;
    } finally {
      this.inFlight--;
    }
  }

  #takeFault(call: string): Fault | undefined {
    const fault = this.faults.find((candidate) => candidate.times > 0 && candidate.match.test(call));
    if (fault) fault.times--;
    return fault;
  }

  async #fail(fault: Fault, resetConnection: () => void): Promise<Response> {
    if (fault.kind === 'hang') {
      await sleep(1_000);
      return new Response(null, { status: 204 });
    }
    if (fault.kind === 'reset') {
      resetConnection();
      return new Response(null, { status: 204 });
    }
    if (fault.kind === '429') {
      const response = nsError(
        429,
        'CONCURRENCY_LIMIT_EXCEEDED',
        'Concurrent request limit exceeded. Request blocked.',
      );
      if (fault.retryAfter) response.headers.set('retry-after', fault.retryAfter);
      return response;
    }
    if (fault.kind === '400') {
      const detail = 'Error while accessing a resource. You must enter at least one line item for this transaction.';
      return new Response(
        JSON.stringify({
          title: 'Bad Request',
          status: 400,
          'o:errorDetails': [{ detail, 'o:errorCode': 'USER_ERROR', 'o:errorPath': 'item' }],
        }),
        { status: 400, headers: { 'content-type': JSON_ERROR } },
      );
    }
    return nsError(503, 'UNEXPECTED_ERROR', 'An unexpected error occurred.');
  }

  #serve(method: string, url: URL, body: string): Response {
    const parts = url.pathname.split('/').slice(3);
    const [service] = parts;
    if (service === 'system') return Response.json(this.governance);
    if (service === 'query') return this.#suiteQl(url);
    const [, , type = '', ref, transform, toType] = parts;
    const json = body ? (JSON.parse(body) as Record<string, unknown>) : {};
    if (method === 'POST' && ref === undefined) return this.#create(type, json);
    if (method === 'POST' && transform === '!transform' && toType) {
      if (!this.#find(type, ref ?? '')) return nsError(404, 'NONEXISTENT_ID', 'Record does not exist.');
      return this.#create(toType, json);
    }
    const record = this.#find(type, ref ?? '');
    if (method === 'PUT' && ref?.startsWith('eid:')) {
      const existing = record ?? this.#insert(type, ref.slice(4), {});
      existing.fields = { ...existing.fields, ...json };
      const location = `${this.url}/services/rest/record/v1/${type}/${existing.id}`;
      return new Response(null, { status: 204, headers: this.omitLocationOnUpsert ? {} : { location } });
    }
    if (!record) return nsError(404, 'NONEXISTENT_ID', 'Record does not exist.');
    if (method === 'GET') return Response.json({ ...record.fields, id: record.id, externalId: record.externalId });
    if (method === 'PATCH') {
      record.fields = { ...record.fields, ...json };
      return new Response(null, { status: 204 });
    }
    if (method === 'DELETE') {
      this.records.delete(`${type.toLowerCase()}/${record.id}`);
      return new Response(null, { status: 204 });
    }
    return nsError(400, 'INVALID_REQUEST', 'The request could not be understood.');
  }

  #create(type: string, json: Record<string, unknown>): Response {
    const externalId = typeof json.externalId === 'string' ? json.externalId : undefined;
    if (externalId && this.#find(type, `eid:${externalId}`)) {
      return nsError(
        400,
        'USER_ERROR',
        `Error while accessing a resource. A record with the external ID '${externalId}' already exists.`,
      );
    }
    const record = this.#insert(type, externalId, json);
    return new Response(null, {
      status: 204,
      headers: { location: `${this.url}/services/rest/record/v1/${type}/${record.id}` },
    });
  }

  #insert(type: string, externalId: string | undefined, fields: Record<string, unknown>): FakeRecord {
    const record: FakeRecord = { id: String(this.nextId++), fields, ...(externalId ? { externalId } : {}) };
    this.records.set(`${type.toLowerCase()}/${record.id}`, record);
    return record;
  }

  #find(type: string, ref: string): FakeRecord | undefined {
    if (!ref.startsWith('eid:')) return this.records.get(`${type.toLowerCase()}/${ref}`);
    for (const [key, record] of this.records) {
      if (key.startsWith(`${type.toLowerCase()}/`) && record.externalId === ref.slice(4)) return record;
    }
    return undefined;
  }

  #suiteQl(url: URL): Response {
    const limit = Number(url.searchParams.get('limit'));
    const offset = Number(url.searchParams.get('offset'));
    const items = this.suiteQlRows.slice(offset, offset + limit).map((row) => ({ links: [], ...row }));
    const hasMore = offset + items.length < this.suiteQlRows.length;
    return Response.json(
      { links: [], count: items.length, hasMore, items, offset, totalResults: this.suiteQlRows.length },
      { headers: { 'preference-applied': 'transient' } },
    );
  }
}
