import { loadConfig } from './config.ts';
import { startSidecar } from './sidecar.ts';

/** Start-up failures that are the operator's to fix: their message says how, a stack trace would only hide it. */
const OPERATOR_ERRORS = new Set(['CONFIG_INVALID', 'DATA_DIR_LOCKED', 'MASTER_KEY_INVALID', 'MASTER_KEY_MISMATCH']);

try {
  const sidecar = await startSidecar(loadConfig());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      sidecar.stop().then(
        () => process.exit(0),
        (error) => {
          console.error('Shutdown failed:', error);
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code && OPERATOR_ERRORS.has(code)) console.error(`ml-connector cannot start: ${(error as Error).message}`);
  else console.error('ml-connector cannot start:', error);
  process.exit(1);
}
