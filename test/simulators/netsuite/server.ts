/** `npm run sim:netsuite`: one simulated NetSuite account on 127.0.0.1:$SIM_NETSUITE_PORT (default 8790). */
import { createNetSuiteSimulator } from './simulator.ts';

const port = Number(process.env.SIM_NETSUITE_PORT ?? 8790);
const simulator = createNetSuiteSimulator();
const { url, close } = await simulator.listen(port);
console.log(`NetSuite simulator (account ${simulator.settings.accountId}) on ${url}`);
console.log(`  REST: ${url}/services/rest/…   control: ${url}/__sim/…`);
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => void close().then(() => process.exit(0)));
