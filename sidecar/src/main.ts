import { loadConfig } from './config.ts';
import { productionHandlers } from './flows/handlers.ts';
import { reportFailure } from './operator-errors.ts';
import { productionSchedules } from './schedules/production.ts';
import { startSidecar } from './sidecar.ts';

try {
  const config = loadConfig();
  const sidecar = await startSidecar(config, {
    handlers: productionHandlers,
    schedules: (services) => productionSchedules(services, config),
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      sidecar.stop().then(
        () => process.exit(0),
        (error) => {
          reportFailure('ml-connector could not shut down cleanly', error);
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  reportFailure('ml-connector cannot start', error);
  process.exit(1);
}
