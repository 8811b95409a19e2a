import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import type { AuditEvent } from '../../api/types.ts';

interface Props {
  events: AuditEvent[];
  /** Offered on each event that belongs to a job (the search results; a job's own timeline has none). */
  onOpenJob?: (id: string) => void;
}

/** Audit events as rows: when, what (with the state it led to), the record, and what was sent and received. */
export function AuditTable({ events, onOpenJob }: Props) {
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
              {event.data !== null && event.data !== undefined && (
                <details>
                  <summary>{__('Sent and received', 'ml-connector')}</summary>
                  <pre>{JSON.stringify(event.data, null, 2)}</pre>
                </details>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
