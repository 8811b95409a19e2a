import type { State } from './state.ts';

export const getPairing = (state: State) => state.pairing;
export const getStore = (state: State) => state.store;
export const getJobCounts = (state: State) => state.jobCounts;
export const getLastErrors = (state: State) => state.lastErrors;
export const getReviewQueue = (state: State) => state.reviewQueue;
export const getSkuMappings = (state: State) => state.skuMappings;
export const getAlerts = (state: State) => state.alerts;
export const getAudit = (state: State) => state.audit;
export const getJob = (state: State) => state.job;
export const getProgress = (state: State) => state.progress;
export const getConnections = (state: State) => state.connections;
export const getOrdersPerDay = (state: State) => state.ordersPerDay;
export const getNetSuiteHealth = (state: State) => state.netsuiteHealth;
export const getSchedules = (state: State) => state.schedules;
