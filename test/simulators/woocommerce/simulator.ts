import { Hono } from 'hono';
import { type ServedApp, serveApp } from '../serve-app.ts';
import { SimClock } from './clock.ts';
import { registerControlRoutes } from './control.ts';
import { Renderer } from './render.ts';
import { type RestLogEntry, registerRestRoutes } from './rest.ts';
import { DEFAULT_SETTINGS, type WooSimSettings } from './settings.ts';
import { WooStore } from './store.ts';
import { Webhooks } from './webhooks.ts';

export interface WooCommerceSimulator {
  settings: WooSimSettings;
  clock: SimClock;
  store: WooStore;
  render: Renderer;
  webhooks: Webhooks;
  /** Every REST request answered, oldest first. */
  requests: RestLogEntry[];
  /** WooCommerce's `/wp-json/wc/v3/…` and the test-only `/__sim/…`. */
  app: Hono;
  /** `home_url()`: the setting, else the address listened on. */
  home(): string;
  /** Empties the store (API keys included), the webhooks, the queue and the logs; settings back to `settings`. */
  reset(settings?: Partial<WooSimSettings>): void;
  /** Serves on 127.0.0.1 (port 0: any free port). */
  listen(port?: number): Promise<ServedApp>;
}

/** One WooCommerce 11 site in memory. */
export function createWooCommerceSimulator(settings: Partial<WooSimSettings> = {}): WooCommerceSimulator {
  const app = new Hono();
  let listening: string | undefined;
  let current: WooSimSettings = { ...DEFAULT_SETTINGS, ...settings };
  const clock = new SimClock();
  const store = new WooStore(clock, () => current);
  const render = new Renderer(store, () => sim.home());
  const sim: WooCommerceSimulator = {
    get settings() {
      return current;
    },
    set settings(next: WooSimSettings) {
      current = next;
    },
    clock,
    store,
    render,
    webhooks: new Webhooks(store, render, () => current),
    requests: [],
    app,
    home: () => (sim.settings.homeUrl ?? listening ?? 'http://127.0.0.1').replace(/\/+$/, ''),
    reset(next = {}) {
      sim.settings = { ...DEFAULT_SETTINGS, ...next };
      clock.reset();
      store.reset();
      sim.webhooks.reset();
      sim.requests.length = 0;
    },
    async listen(port = 0) {
      const served = await serveApp(app, port);
      listening = served.url;
      return served;
    },
  };
  registerControlRoutes(app, sim);
  registerRestRoutes(app, sim);
  return sim;
}
