/** The daily exception report: what needs the merchant, section by section, each counted and listed (capped). */

/** Rows listed per section; `total` counts them all. */
export const SECTION_CAP = 50;

export interface Section<T> {
  total: number;
  items: T[];
}

export interface HeldOrderRow {
  jobId: string;
  connectionId: string | null;
  orderNumber: string | null;
  code: string;
  /** The review queue's words. */
  reason: string;
  since: string;
}

export interface DeadJobRow {
  jobId: string;
  kind: string;
  entityKey: string;
  connectionId: string | null;
  code: string;
  message: string;
  since: string;
}

export interface UnwrittenFulfillmentRow {
  jobId: string;
  connectionId: string | null;
  orderId: string | null;
  fulfillmentId: string | null;
  tranId: string | null;
  state: string;
  attempts: number;
  code: string | null;
  message: string | null;
  since: string;
}

export interface AlertRow {
  alertId: string;
  kind: string;
  severity: string;
  connectionId: string | null;
  message: string;
  count: number;
  since: string;
}

export interface AlertKindRow {
  kind: string;
  severity: string;
  count: number;
}

export interface ReportSections {
  heldOrders: Section<HeldOrderRow>;
  deadJobs: Section<DeadJobRow>;
  fulfillmentsNotWrittenBack: Section<UnwrittenFulfillmentRow>;
  webhookOutages: Section<AlertRow>;
  stockDrift: Section<AlertRow>;
  openAlerts: Section<AlertKindRow>;
}

export const SECTION_TITLES: Record<keyof ReportSections, string> = {
  heldOrders: 'Held orders',
  deadJobs: 'Dead jobs',
  fulfillmentsNotWrittenBack: 'Fulfillments not written back',
  webhookOutages: 'Webhook outages',
  stockDrift: 'Stock drift',
  openAlerts: 'Open alerts by kind',
};

export type DeliveryOutcome =
  | { status: 'queued'; jobId: string }
  | { status: 'skipped'; code: string; message: string };

export interface ExceptionReport {
  id: string;
  generatedAt: string;
  trigger: 'schedule' | 'on_demand';
  sections: ReportSections;
  delivery: { email: DeliveryOutcome; webhook: DeliveryOutcome };
}
