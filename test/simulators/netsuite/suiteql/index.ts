export { SuiteQlEngine } from './engine.ts';
export { registerSuiteQlRoutes } from './route.ts';
