import { request } from '../../api/client.ts';

/** The sidecar's exception report (`GET /exception-report`), as the panel reads it. */
export interface ReportSection {
  total: number;
  items: Record<string, unknown>[];
}

export type SectionKey =
  | 'heldOrders'
  | 'deadJobs'
  | 'fulfillmentsNotWrittenBack'
  | 'webhookOutages'
  | 'stockDrift'
  | 'openAlerts';

export type DeliveryOutcome =
  | { status: 'queued'; jobId: string }
  | { status: 'skipped'; code: string; message: string };

export interface ExceptionReport {
  id: string;
  generatedAt: string;
  trigger: 'schedule' | 'on_demand';
  sections: Record<SectionKey, ReportSection>;
  delivery: { email: DeliveryOutcome; webhook: DeliveryOutcome };
}

export const getExceptionReport = () => request<{ report: ExceptionReport | null }>('GET', 'exception-report');

export const runExceptionReport = () => request<{ report: ExceptionReport }>('POST', 'exception-report/run');
