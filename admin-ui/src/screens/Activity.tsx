import { Button, Notice } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';
import { useEffect, useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { RemoteView } from '../components/RemoteView.tsx';
import { store } from '../store/index.ts';
import { ActivityFilters } from './activity/ActivityFilters.tsx';
import { AuditTable } from './activity/AuditTable.tsx';
import { JobDetail } from './activity/JobDetail.tsx';

/**
 * The audit trail, newest first: filtered by free text, job state and days, a page at a time (Load more follows
 * the sidecar's nextCursor), each body's first 2 KB with Show full body; a job's timeline and Replay below.
 */
export function Activity() {
  const audit = useSelect((select) => select(store).getAudit(), []);
  const { searchAudit, loadMoreAudit, loadJob, loadAuditEvent } = useDispatch(store);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);

  useEffect(() => {
    void searchAudit({});
  }, [searchAudit]);

  const more = async () => {
    setLoadingMore(true);
    setMoreError(null);
    try {
      await loadMoreAudit();
    } catch (reason) {
      setMoreError((reason as ApiError).message);
    } finally {
      setLoadingMore(false);
    }
  };

  const filter = audit.data?.filter ?? {};
  const filtered = Boolean(filter.q || filter.state || filter.from || filter.to);

  return (
    <div className="mlc-activity">
      <ActivityFilters
        onSearch={(next) => {
          setMoreError(null);
          void searchAudit(next);
        }}
      />
      <RemoteView
        remote={audit}
        isEmpty={(pages) => pages.items.length === 0}
        empty={
          filter.q
            ? sprintf(
                /* translators: %s: the search text. */ __('Nothing in the activity mentions “%s”.', 'ml-connector'),
                filter.q,
              )
            : filtered
              ? __('Nothing in the activity matches these filters.', 'ml-connector')
              : __('No activity yet.', 'ml-connector')
        }
        onRetry={() => void searchAudit(filter)}
      >
        {(pages) => (
          <>
            <AuditTable events={pages.items} onOpenJob={(id) => void loadJob(id)} onShowWhole={loadAuditEvent} />
            {moreError && (
              <Notice status="error" onRemove={() => setMoreError(null)}>
                {moreError}
              </Notice>
            )}
            {pages.nextCursor && (
              <Button variant="secondary" onClick={() => void more()} isBusy={loadingMore} disabled={loadingMore}>
                {__('Load more', 'ml-connector')}
              </Button>
            )}
          </>
        )}
      </RemoteView>
      <JobDetail />
    </div>
  );
}
