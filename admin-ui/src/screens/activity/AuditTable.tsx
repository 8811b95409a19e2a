import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import type { AuditEventPreview } from '../../api/types.ts';
import { BodyPreviews } from './BodyPreviews.tsx';

interface Props {
  /** Audit events as the lists carry them: an outbound call's bodies previewed beside `data`. */
  events: AuditEventPreview[];
  /** Offered on each event that belongs to a job (the search results; a job's own timeline has none). */
  onOpenJob?: (id: string) => void;
  /** Fetches an event whole in place of its body previews; rejects with an ApiError. */
  onShowWhole?: (eventId: string) => Promise<void>;
}

/** Audit events as rows: when, what (with the state it led to), the record, and what was sent and received. */
export function AuditTable({ events, onOpenJob, onShowWhole }: Props) {
  return (
    <table className="widefat striped">
      <thead>
        <tr>
          <th>{__('When', 'ml-connector')}</th>
          <th>{__('What', 'ml-connector')}</th>
          <th>{__('Record', 'ml-connector')}</th>
          <th>{__('Details', 'ml-connector')}</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={event.id}>
            <td>{new Date(event.at).toLocaleString()}</td>
            <td>
              {event.type}
              {event.state ? ` → ${event.state}` : ''}
              <br />
              {event.message}
            </td>
            <td>
              {event.externalId ?? event.entityKey ?? ''}
              {event.jobId && onOpenJob && (
                <>
                  <br />
                  <Button variant="link" onClick={() => event.jobId && onOpenJob(event.jobId)}>
                    {sprintf(
                      /* translators: %s: the end of a job id. */ __('Open job %s', 'ml-connector'),
                      event.jobId.slice(-8),
                    )}
                  </Button>
                </>
              )}
            </td>
            <td>
              <EventDetails event={event} onShowWhole={onShowWhole} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What was sent and received: the event's details, and an outbound call's bodies while they are previewed. */
function EventDetails({ event, onShowWhole }: { event: AuditEventPreview; onShowWhole?: Props['onShowWhole'] }) {
  const { bodies } = event;
  const hasData = event.data !== null && event.data !== undefined;
  if (!hasData && !bodies) return null;
  return (
    <details>
      <summary>{__('Sent and received', 'ml-connector')}</summary>
      {hasData && <pre>{JSON.stringify(event.data, null, 2)}</pre>}
      {bodies && <BodyPreviews bodies={bodies} onShowWhole={onShowWhole && (() => onShowWhole(event.id))} />}
    </details>
  );
}
