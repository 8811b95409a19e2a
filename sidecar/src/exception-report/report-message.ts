import type { AlertMessage } from '../alerts/alert-message.ts';
import type { ExceptionReport, ReportSections, Section } from './report.ts';
import { SECTION_TITLES } from './report.ts';

type Key = keyof ReportSections;
const KEYS = Object.keys(SECTION_TITLES) as Key[];

/** One line per listed row, as a merchant reads it. */
function lineOf(key: Key, row: Record<string, unknown>): string {
  const at = (value: unknown) =>
    String(value ?? '')
      .slice(0, 16)
      .replace('T', ' ');
  switch (key) {
    case 'heldOrders':
      return `Order ${row.orderNumber ?? '?'} (job ${row.jobId}) — ${row.code}: ${row.reason} (held since ${at(row.since)} UTC)`;
    case 'deadJobs':
      return `${row.kind} ${row.entityKey} (job ${row.jobId}) — ${row.code}: ${row.message} (since ${at(row.since)} UTC)`;
    case 'fulfillmentsNotWrittenBack':
      return `Fulfillment ${row.tranId ?? row.fulfillmentId ?? '?'} of order ${row.orderId ?? '?'} (job ${row.jobId}) — ${row.state}, ${row.attempts} attempts${row.code ? `, ${row.code}: ${row.message}` : ''} (since ${at(row.since)} UTC)`;
    case 'openAlerts':
      return `${row.kind} (${row.severity}): ${row.count}`;
    default:
      return `${row.kind}: ${row.message} (since ${at(row.since)} UTC)`;
  }
}

const rowsOf = (section: Section<unknown>) => section.items as Record<string, unknown>[];
const more = (section: Section<unknown>) =>
  section.total > section.items.length ? `… and ${section.total - section.items.length} more` : undefined;

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function summaryOf(report: ExceptionReport): string {
  return KEYS.map((key) => `${SECTION_TITLES[key]}: ${report.sections[key].total}`).join(' · ');
}

/** The e-mail (plain text and a simple HTML part) and the short webhook summary. */
export function composeReportMessage(report: ExceptionReport): AlertMessage {
  const day = report.generatedAt.slice(0, 10);
  const subject = `[ml-connector] Exception report ${day}`;
  const summary = summaryOf(report);
  const text = [
    `Exception report of ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    summary,
    ...KEYS.flatMap((key) => {
      const section = report.sections[key];
      const lines = rowsOf(section).map((row) => `- ${lineOf(key, row)}`);
      const tail = more(section);
      return [
        '',
        `${SECTION_TITLES[key]} (${section.total})`,
        ...(lines.length ? lines : ['- none']),
        ...(tail ? [tail] : []),
      ];
    }),
    '',
    'Open WooCommerce → NetSuite → Overview in wp-admin to act on these.',
  ].join('\n');
  const html = [
    `<h1>${escapeHtml(subject)}</h1>`,
    `<p>${escapeHtml(summary)}</p>`,
    ...KEYS.map((key) => {
      const section = report.sections[key];
      const items = rowsOf(section).map((row) => `<li>${escapeHtml(lineOf(key, row))}</li>`);
      const tail = more(section);
      return (
        `<h2>${escapeHtml(SECTION_TITLES[key])} (${section.total})</h2>` +
        (items.length ? `<ul>${items.join('')}</ul>` : '<p>None.</p>') +
        (tail ? `<p>${escapeHtml(tail)}</p>` : '')
      );
    }),
  ].join('\n');
  const slackText = `${subject}\n${summary}`;
  return {
    subject,
    text,
    html: `<!doctype html><html><body>${html}</body></html>`,
    slack: {
      text: slackText,
      blocks: [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: slackText.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;') },
        },
      ],
    },
  };
}
