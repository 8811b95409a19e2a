import { Button, Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import type { Remote } from '../../store/state.ts';
import {
  getExceptionReport,
  type ExceptionReport as Report,
  type ReportSection,
  runExceptionReport,
  type SectionKey,
} from './exception-report-api.ts';

const SECTIONS: { key: SectionKey; title: () => string }[] = [
  { key: 'heldOrders', title: () => __('Held orders', 'ml-connector') },
  { key: 'deadJobs', title: () => __('Dead jobs', 'ml-connector') },
  { key: 'fulfillmentsNotWrittenBack', title: () => __('Fulfillments not written back', 'ml-connector') },
  { key: 'webhookOutages', title: () => __('Webhook outages', 'ml-connector') },
  { key: 'stockDrift', title: () => __('Stock drift', 'ml-connector') },
  { key: 'openAlerts', title: () => __('Open alerts by kind', 'ml-connector') },
];

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** One row in words; the sidecar's own codes and messages are shown as they are. */
function rowText(key: SectionKey, row: Record<string, unknown>): string {
  switch (key) {
    case 'heldOrders':
      return sprintf(
        /* translators: 1: an order number, 2: why it is held. */
        __('Order %1$s: %2$s', 'ml-connector'),
        text(row.orderNumber) || '?',
        text(row.reason),
      );
    case 'deadJobs':
      return `${text(row.kind)} ${text(row.entityKey)} — ${text(row.code)}: ${text(row.message)}`;
    case 'fulfillmentsNotWrittenBack':
      return sprintf(
        /* translators: 1: a NetSuite fulfillment, 2: an order number, 3: the job's state, 4: the error. */
        __('Fulfillment %1$s of order %2$s (%3$s): %4$s', 'ml-connector'),
        text(row.tranId ?? row.fulfillmentId) || '?',
        text(row.orderId) || '?',
        text(row.state),
        text(row.message ?? row.code),
      );
    case 'openAlerts':
      return `${text(row.kind)} (${text(row.severity)}): ${text(row.count)}`;
    default:
      return `${text(row.kind)}: ${text(row.message)}`;
  }
}

function Section({ sectionKey, title, section }: { sectionKey: SectionKey; title: string; section: ReportSection }) {
  const [open, setOpen] = useState(false);
  const heading = sprintf(
    /* translators: 1: a section's name, 2: how many rows it has. */
    __('%1$s: %2$d', 'ml-connector'),
    title,
    section.total,
  );
  if (section.total === 0) return <li className="mlc-report-section">{heading}</li>;
  return (
    <li className="mlc-report-section">
      <Button variant="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {heading}
      </Button>
      {open && (
        <ul>
          {section.items.map((row, index) => (
            <li key={text(row.jobId ?? row.alertId ?? row.kind) || index}>{rowText(sectionKey, row)}</li>
          ))}
          {section.total > section.items.length && (
            <li>
              {sprintf(
                /* translators: %d: how many rows are not listed. */
                __('… and %d more', 'ml-connector'),
                section.total - section.items.length,
              )}
            </li>
          )}
        </ul>
      )}
    </li>
  );
}

function deliveryText(report: Report): string | null {
  const email = report.delivery.email;
  return email.status === 'skipped' ? email.message : null;
}

/** The daily exception report: its sections with counts and expandable lists, and Run now (sends it too). */
export function ExceptionReport() {
  const [remote, setRemote] = useState<Remote<{ report: Report | null }>>({
    status: 'loading',
    data: null,
    error: null,
  });
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setRemote((current) => ({ ...current, status: 'loading', error: null }));
    try {
      setRemote({ status: 'ready', data: await getExceptionReport(), error: null });
    } catch (reason) {
      setRemote((current) => ({ ...current, status: 'error', error: reason as ApiError }));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const run = async () => {
    setRunning(true);
    setRunError(null);
    try {
      setRemote({ status: 'ready', data: await runExceptionReport(), error: null });
    } catch (reason) {
      setRunError((reason as ApiError).message);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="mlc-exception-report">
      <h2>{__('Exception report', 'ml-connector')}</h2>
      <Button variant="secondary" isBusy={running} disabled={running} onClick={() => void run()}>
        {running ? __('Running…', 'ml-connector') : __('Run now', 'ml-connector')}
      </Button>
      {runError && (
        <Notice status="error" isDismissible={false}>
          {runError}
        </Notice>
      )}
      <RemoteView
        remote={remote}
        isEmpty={(data) => data.report === null}
        empty={__('No report yet: it is made once a day, or now with Run now.', 'ml-connector')}
        onRetry={() => void load()}
      >
        {(data) =>
          data.report && (
            <>
              <p>
                {sprintf(
                  /* translators: %s: date and time. */
                  __('Made %s.', 'ml-connector'),
                  new Date(data.report.generatedAt).toLocaleString(),
                )}{' '}
                {deliveryText(data.report)}
              </p>
              <ul>
                {SECTIONS.map(({ key, title }) => (
                  <Section
                    key={key}
                    sectionKey={key}
                    title={title()}
                    section={data.report?.sections[key] ?? { total: 0, items: [] }}
                  />
                ))}
              </ul>
            </>
          )
        }
      </RemoteView>
    </section>
  );
}
