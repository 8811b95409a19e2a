import { Hono } from 'hono';
import { type ServedApp, serveApp } from '../serve-app.ts';
import { AuthRegistry, authenticate, registerAuthRoutes } from './auth/index.ts';
import { SimClock } from './clock.ts';
import { Governance, governed, registerGovernanceRoutes } from './governance.ts';
import { registerRecordRoutes } from './records/index.ts';
import { answerError, errorBody, MEDIA_TYPE, NsError } from './responses.ts';
import { RecordStore } from './store.ts';
import { registerSuiteQlRoutes, SuiteQlEngine } from './suiteql/index.ts';

/** Account-wide switches, set by `POST /__sim/reset`. UNCERTAIN behaviours of spec §10 are switchable here. */
export interface SimSettings {
  accountId: string;
  /** OneWorld: transactions and customers need a subsidiary. */
  oneWorld: boolean;
  /** Invoicing in advance of fulfillment (netsuite-gl.md: off by default). */
  advanceBilling: boolean;
  /** Refuse RS256 client assertions (spec §2a: default refuse). */
  rejectRs256: boolean;
  /** SuiteQL without `Prefer: transient` is refused (spec §6.1: strict by default). */
  requireTransient: boolean;
}

export const DEFAULT_SETTINGS: SimSettings = {
  accountId: 'TSTDRV1234567',
  oneWorld: false,
  advanceBilling: false,
  rejectRs256: true,
  requireTransient: true,
};

export interface NetSuiteSimulator {
  settings: SimSettings;
  clock: SimClock;
  store: RecordStore;
  auth: AuthRegistry;
  governance: Governance;
  suiteql: SuiteQlEngine;
  /** The whole HTTP surface: NetSuite's `/services/rest/…` and the test-only `/__sim/…`. */
  app: Hono;
  reset(settings?: Partial<SimSettings>): Promise<void>;
  /** Serves on 127.0.0.1 (port 0: any free port). */
  listen(port?: number): Promise<ServedApp>;
}

/**
 * One NetSuite account in memory. Requests under `/services/rest` pass governance (concurrency limit, latency,
 * faults, request log), then authentication, then the record, SuiteQL and system services.
 */
export function createNetSuiteSimulator(settings: Partial<SimSettings> = {}): NetSuiteSimulator {
  const app = new Hono();
  const rest = new Hono();
  const store = new RecordStore();
  const sim: NetSuiteSimulator = {
    settings: { ...DEFAULT_SETTINGS, ...settings },
    clock: new SimClock(),
    store,
    auth: new AuthRegistry(),
    governance: new Governance(),
    suiteql: new SuiteQlEngine(store),
    app,
    async reset(next = {}) {
      sim.settings = { ...DEFAULT_SETTINGS, ...next };
      sim.clock.reset();
      sim.store.reset();
      sim.auth.reset();
      sim.governance.reset();
      await sim.suiteql.reset();
    },
    listen: (port = 0) => serveApp(app, port),
  };

  rest.use(governed(sim));
  rest.use(authenticate(sim));
  rest.onError((error, c) => {
    if (error instanceof NsError) return answerError(c, error);
    console.error('NetSuite simulator: unexpected error', error);
    return answerError(c, new NsError(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred. Error ID: simulator'));
  });
  rest.notFound((c) =>
    c.body(
      JSON.stringify(
        errorBody(404, [
          {
            detail: `The request could not be understood by the server due to malformed syntax.`,
            'o:errorCode': 'INVALID_REQUEST',
            'o:urlPath': c.req.path,
          },
        ]),
      ),
      404,
      { 'Content-Type': MEDIA_TYPE.error },
    ),
  );

  app.post('/__sim/reset', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as Partial<SimSettings>;
    await sim.reset(body);
    return c.body(null, 204);
  });
  registerAuthRoutes(app, sim);
  registerGovernanceRoutes(app, rest, sim);
  registerRecordRoutes(app, rest, sim);
  registerSuiteQlRoutes(rest, sim);
  app.route('/services/rest', rest);
  return sim;
}
