import { createNetSuiteSimulator, type NetSuiteSimulator, type SimSettings } from './simulator.ts';

export interface ServedSimulator {
  sim: NetSuiteSimulator;
  url: string;
  /** Calls the simulator with a valid bearer token (issued in-process; the token endpoint has its own tests). */
  ns(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** A simulator served on 127.0.0.1 with `settings`, and a fetch that is already authenticated. */
export async function startSimulator(settings: Partial<SimSettings> = {}): Promise<ServedSimulator> {
  const sim = createNetSuiteSimulator(settings);
  const { url, close } = await sim.listen(0);
  return {
    sim,
    url,
    ns(path, init = {}) {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Bearer ${sim.auth.issueAccessToken()}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${url}${path}`, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    },
    close,
  };
}
