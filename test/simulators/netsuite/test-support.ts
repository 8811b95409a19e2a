import type { RequestLogEntry } from './governance.ts';
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

/** Calls the simulator's control API (`/__sim/…`) at `url`; throws unless it answers 2xx. */
export async function simControl(url: string, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/** The simulator's request log (`GET /__sim/requests`). */
export async function requestLog(url: string): Promise<RequestLogEntry[]> {
  return ((await (await simControl(url, 'GET', '/__sim/requests')).json()) as { items: RequestLogEntry[] }).items;
}

/** Most admitted requests in flight at one instant, from the log's start and end times. */
export function peakInFlight(entries: RequestLogEntry[]): number {
  const edges = entries
    .filter((entry) => entry.admitted)
    .flatMap((entry) => [
      { at: Date.parse(entry.startedAt), delta: 1 },
      { at: Date.parse(entry.endedAt ?? entry.startedAt), delta: -1 },
    ])
    // Ends before starts at the same millisecond: a slot released and taken again is not an overlap.
    .sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let peak = 0;
  for (const edge of edges) {
    current += edge.delta;
    peak = Math.max(peak, current);
  }
  return peak;
}
