/** Concurrency governance, latency and fault injection of the simulated account (spec §5). */
export { governed } from './governance/middleware.ts';
export { registerGovernanceRoutes } from './governance/routes.ts';
export type { Fault, GovernanceSettings } from './governance/settings.ts';
export { Governance, type RequestLogEntry } from './governance/state.ts';
