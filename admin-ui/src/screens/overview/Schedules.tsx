import { Button, Spinner } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import type { Schedule } from '../../api/types.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import { ResultNotice } from '../../components/ResultNotice.tsx';
import { store } from '../../store/index.ts';

interface Props {
  /** How often the list is read again while a run goes on; default 3 s. */
  pollMs?: number;
  /** How many times at most, so a run that never ends does not poll for ever; default 100 (5 minutes at 3 s). */
  maxPolls?: number;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** A run's result in a sentence: `{ message }` after a run, `{ code, message }` after a failure. */
function resultText(schedule: Schedule): string {
  const result = schedule.lastResult as { message?: unknown; code?: unknown } | null;
  if (schedule.lastOutcome === null) return __('Not run yet', 'ml-connector');
  const message = typeof result?.message === 'string' ? result.message : '';
  return schedule.lastOutcome === 'failed'
    ? sprintf(/* translators: %s: the run's error. */ __('Failed: %s', 'ml-connector'), message)
    : message || __('Succeeded', 'ml-connector');
}

/**
 * The sidecar's schedules (backfill, polls, reports) with Run now. The run answers when it has ended; until then,
 * and after a 409 (running elsewhere) until it ends there, the list is read again every few seconds, a bounded number
 * of times, so last run and result show as they change.
 */
export function Schedules({ pollMs = 3000, maxPolls = 100 }: Props) {
  const remote = useSelect((select) => select(store).getSchedules(), []);
  const { loadSchedules, runSchedule } = useDispatch(store);
  const [running, setRunning] = useState<string[]>([]);
  const [watching, setWatching] = useState(false);
  const [notice, setNotice] = useState<{ status: 'success' | 'error' | 'warning'; text: string } | null>(null);

  useEffect(() => {
    void loadSchedules();
  }, [loadSchedules]);

  const busy = running.length > 0 || watching || Boolean(remote.data?.some((schedule) => schedule.runningBy));
  useEffect(() => {
    if (!busy) return;
    let polls = 0;
    const timer = setInterval(() => {
      polls += 1;
      if (polls > maxPolls) {
        clearInterval(timer);
        setWatching(false);
        return;
      }
      void loadSchedules();
    }, pollMs);
    return () => clearInterval(timer);
  }, [busy, pollMs, maxPolls, loadSchedules]);

  // A run started elsewhere (the 409) is watched until the list says it has ended.
  useEffect(() => {
    if (watching && remote.data && !remote.data.some((schedule) => schedule.runningBy)) setWatching(false);
  }, [watching, remote.data]);

  const run = async (name: string) => {
    setNotice(null);
    setRunning((current) => [...current, name]);
    try {
      const schedule = await runSchedule(name);
      setNotice({
        status: schedule.lastOutcome === 'failed' ? 'error' : 'success',
        text: sprintf(
          /* translators: 1: a schedule's name, 2: how its run ended. */ __('%1$s: %2$s', 'ml-connector'),
          name,
          resultText(schedule),
        ),
      });
    } catch (reason) {
      const error = reason as ApiError;
      if (error.code === 'SCHEDULE_RUNNING') {
        // The list on screen predates the other run: read it first, or watching would end before it began.
        await loadSchedules();
        setWatching(true);
        setNotice({
          status: 'warning',
          text: sprintf(
            /* translators: %s: a schedule's name. */
            __('%s is already running; its result shows here when it ends.', 'ml-connector'),
            name,
          ),
        });
      } else {
        setNotice({ status: 'error', text: error.message });
      }
    } finally {
      setRunning((current) => current.filter((other) => other !== name));
    }
  };

  return (
    <div className="mlc-schedules">
      <ResultNotice notice={notice} onRemove={() => setNotice(null)} />
      <RemoteView
        remote={remote}
        isEmpty={(items) => items.length === 0}
        empty={__('The sidecar has no schedule.', 'ml-connector')}
        onRetry={() => void loadSchedules()}
      >
        {(items) => (
          <table className="widefat striped">
            <thead>
              <tr>
                <th>{__('Schedule', 'ml-connector')}</th>
                <th>{__('Every', 'ml-connector')}</th>
                <th>{__('Last run', 'ml-connector')}</th>
                <th>{__('Next run', 'ml-connector')}</th>
                <th>{__('Last result', 'ml-connector')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((schedule) => {
                const active = running.includes(schedule.name) || schedule.runningBy !== null;
                return (
                  <tr key={schedule.name}>
                    <td>{schedule.name}</td>
                    <td>{schedule.cadence}</td>
                    <td>{when(schedule.lastRunAt)}</td>
                    <td>{when(schedule.nextRunAt)}</td>
                    <td>
                      {active ? (
                        <span role="status">
                          <Spinner />{' '}
                          {schedule.runningBy
                            ? sprintf(
                                /* translators: %s: when the run started. */
                                __('Running (started %s)…', 'ml-connector'),
                                when(schedule.lastRunAt),
                              )
                            : __('Running…', 'ml-connector')}
                        </span>
                      ) : (
                        resultText(schedule)
                      )}
                    </td>
                    <td>
                      <Button variant="secondary" disabled={active} onClick={() => void run(schedule.name)}>
                        {__('Run now', 'ml-connector')}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </RemoteView>
    </div>
  );
}
