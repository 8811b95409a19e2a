/** `npm run sim:woocommerce`: one simulated WooCommerce 11 store on 127.0.0.1:$SIM_WOOCOMMERCE_PORT (default 8791). */
import { createWooCommerceSimulator } from './simulator.ts';

const port = Number(process.env.SIM_WOOCOMMERCE_PORT ?? 8791);
const simulator = createWooCommerceSimulator();
const { url, close } = await simulator.listen(port);
const key = simulator.store.createKey({ description: 'npm run sim:woocommerce' });
console.log(`WooCommerce simulator (WooCommerce ${simulator.settings.wcVersion}) on ${url}`);
console.log(`  REST: ${url}/wp-json/wc/v3/…   control: ${url}/__sim/…`);
console.log(`  REST API key: ${key.consumerKey} / ${key.consumerSecret} (read_write; OAuth 1.0a over http)`);
console.log('  Deliveries wait in the queue until POST /__sim/deliveries/flush.');
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => void close().then(() => process.exit(0)));
