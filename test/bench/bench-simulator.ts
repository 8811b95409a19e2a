/** The NetSuite simulator as the benchmarks load it: one account, one M2M integration, NetSuite's default limit. */
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { NetSuiteSimulator } from '../simulators/netsuite/simulator.ts';
import { createNetSuiteSimulator } from '../simulators/netsuite/simulator.ts';
import { simControl } from '../simulators/netsuite/test-support.ts';

export const BENCH_ACCOUNT = 'TSTDRV1234567';
/** NetSuite's default account concurrency limit. */
export const LIMIT = 15;
/** A NetSuite answer as slow as a typical record write. */
export const LATENCY_MS = 200;
/** The most any client can do: every slot of the account busy all the time (75 requests/s). */
export const CEILING_PER_SEC = LIMIT / (LATENCY_MS / 1000);

export interface BenchSimulator {
  sim: NetSuiteSimulator;
  url: string;
  /** The registered M2M integration, its private key as a PKCS#8 PEM. */
  integration: { clientId: string; certificateId: string; privateKey: string };
  close(): Promise<void>;
}

/** A simulator served on 127.0.0.1 with an M2M integration whose certificate is a 3072-bit RSA key (PS256). */
export async function startBenchSimulator(): Promise<BenchSimulator> {
  const sim = createNetSuiteSimulator({ accountId: BENCH_ACCOUNT });
  const served = await sim.listen(0);
  try {
    const keys = await generateKeyPair('PS256', { modulusLength: 3072, extractable: true });
    const ids = { clientId: 'bench-client', certificateId: 'bench-cert' };
    await simControl(served.url, 'POST', '/__sim/integrations', {
      ...ids,
      publicKeyPem: await exportSPKI(keys.publicKey),
    });
    return {
      sim,
      url: served.url,
      integration: { ...ids, privateKey: await exportPKCS8(keys.privateKey) },
      close: served.close,
    };
  } catch (error) {
    await served.close();
    throw error;
  }
}

/** The account at its limit, each request answered after `latencyMs` (0 while a benchmark sets itself up). */
export async function governAtLimit(url: string, latencyMs: number): Promise<void> {
  await simControl(url, 'PUT', '/__sim/governance', { concurrencyLimit: LIMIT, latencyMs, faults: [] });
}
