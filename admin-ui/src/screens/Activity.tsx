import { Button, Notice, TextControl } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';
import { useState } from 'react';
import type { ApiError } from '../api/client.ts';
import type { AuditEvent } from '../api/types.ts';
import { RemoteView } from '../components/RemoteView.tsx';
import { store } from '../store/index.ts';

const REPLAYABLE = new Set(['dead', 'succeeded']);

/** The audit trail searched by free text (order number, SKU, externalId, job id), a job's timeline, replay. */
export function Activity() {
  const { audit, job } = useSelect((select) => ({ audit: select(store).getAudit(), job: select(store).getJob() }), []);
  const { searchAudit, loadJob, replayJob } = useDispatch(store);
  const [q, setQ] = useState('');
  const [lastQuery, setLastQuery] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ status: 'success' | 'error'; text: string } | null>(null);

  const search = () => {
    const text = q.trim();
    if (text.length > 200) {
      setInvalid(__('Search for at most 200 characters.', 'ml-connector'));
      return;
    }
    setInvalid(null);
    setLastQuery(text);
    void searchAudit(text);
  };

  const replay = async (id: string) => {
    setNotice(null);
    try {
      await replayJob(id);
      setNotice({
        status: 'success',
        text: __('The job runs again with the same id: NetSuite records are updated, not doubled.', 'ml-connector'),
      });
    } catch (reason) {
      setNotice({ status: 'error', text: (reason as ApiError).message });
    }
  };

  return (
    <div className="mlc-activity">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          search();
        }}
      >
        <TextControl
          __nextHasNoMarginBottom
          label={__('Search the activity', 'ml-connector')}
          help={__('An order number, a SKU, a NetSuite externalId such as WOO_ORDER_12, or a job id.', 'ml-connector')}
          value={q}
          onChange={setQ}
        />
        {invalid && <p className="mlc-error">{invalid}</p>}
        <Button variant="primary" type="submit">
          {__('Search', 'ml-connector')}
        </Button>
      </form>

      {audit.status !== 'idle' && (
        <RemoteView
          remote={audit}
          isEmpty={(items) => items.length === 0}
          empty={
            lastQuery
              ? sprintf(
                  /* translators: %s: the search text. */ __('Nothing in the activity mentions “%s”.', 'ml-connector'),
                  lastQuery,
                )
              : __('No activity yet.', 'ml-connector')
          }
          onRetry={() => void searchAudit(lastQuery)}
        >
          {(items) => <AuditTable events={items} onOpenJob={(id) => void loadJob(id)} />}
        </RemoteView>
      )}

      {job.status !== 'idle' && (
        <>
          <h2>{__('Job', 'ml-connector')}</h2>
          {notice && (
            <Notice status={notice.status} onRemove={() => setNotice(null)}>
              {notice.text}
            </Notice>
          )}
          <RemoteView remote={job} empty="" onRetry={() => job.data && void loadJob(job.data.id)}>
            {(data) => (
              <div className="mlc-job">
                <p>
                  <code>{data.id}</code> {data.kind} · {data.entityKey} · <strong>{data.state}</strong> ·{' '}
                  {sprintf(
                    /* translators: 1: the attempt, 2: how many attempts are allowed. */
                    __('attempt %1$d of %2$d', 'ml-connector'),
                    data.attempts,
                    data.maxAttempts,
                  )}
                  {data.replays > 0
                    ? ` · ${sprintf(/* translators: %d: how many times the job was replayed. */ __('replayed %d×', 'ml-connector'), data.replays)}`
                    : ''}
                </p>
                {data.lastError?.message && (
                  <Notice status="error" isDismissible={false}>
                    {data.lastError.message}
                  </Notice>
                )}
                {REPLAYABLE.has(data.state) && (
                  <Button variant="secondary" onClick={() => void replay(data.id)}>
                    {__('Replay', 'ml-connector')}
                  </Button>
                )}
                <h3>{__('Timeline', 'ml-connector')}</h3>
                <AuditTable events={data.timeline} />
              </div>
            )}
          </RemoteView>
        </>
      )}
    </div>
  );
}

function AuditTable({ events, onOpenJob }: { events: AuditEvent[]; onOpenJob?: (id: string) => void }) {
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
