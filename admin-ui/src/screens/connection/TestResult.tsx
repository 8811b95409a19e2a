import { Notice } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';
import type { ConnectionTest } from '../../api/netsuite-accounts.ts';

/** What "Test connection" got back from NetSuite: who answered and with which subsidiaries, or why it failed. */
export function TestResult({
  accountId,
  result,
  onRemove,
}: {
  /** NetSuite's id of the account (the result's own `accountId` is the sidecar's). */
  accountId: string;
  result: ConnectionTest;
  onRemove: () => void;
}) {
  const when = new Date(result.checkedAt).toLocaleString();
  if (result.ok) {
    return (
      <Notice status="success" onRemove={onRemove} className="mlc-test-result">
        <p>
          {sprintf(
            /* translators: 1: NetSuite account id, 2: milliseconds, 3: date and time, 4: what NetSuite answered. */
            __('NetSuite account %1$s answered in %2$d ms (%3$s): %4$s', 'ml-connector'),
            accountId,
            result.latencyMs,
            when,
            result.detail,
          )}
        </p>
        {result.subsidiaries.length > 0 ? (
          <>
            <p>
              {sprintf(
                /* translators: %d: how many subsidiaries. */
                _n('%d subsidiary:', '%d subsidiaries:', result.subsidiaries.length, 'ml-connector'),
                result.subsidiaries.length,
              )}
            </p>
            <ul className="mlc-subsidiaries">
              {result.subsidiaries.map((subsidiary) => (
                <li key={subsidiary.id}>
                  {subsidiary.name} (#{subsidiary.id})
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p>{__('NetSuite listed no subsidiary for these credentials.', 'ml-connector')}</p>
        )}
      </Notice>
    );
  }
  const { code, message, status } = result.error;
  return (
    <Notice status="error" onRemove={onRemove} className="mlc-test-result">
      <p>
        {sprintf(
          /* translators: 1: NetSuite account id, 2: error code, 3: the error's message. */
          __('NetSuite account %1$s: the test failed. %2$s: %3$s', 'ml-connector'),
          accountId,
          code,
          message,
        )}
      </p>
      <p>
        {status === null
          ? sprintf(
              /* translators: 1: milliseconds, 2: date and time. */
              __('No HTTP answer from NetSuite (after %1$d ms, %2$s).', 'ml-connector'),
              result.latencyMs,
              when,
            )
          : sprintf(
              /* translators: 1: HTTP status code, 2: milliseconds, 3: date and time. */
              __('NetSuite answered HTTP %1$d (after %2$d ms, %3$s).', 'ml-connector'),
              status,
              result.latencyMs,
              when,
            )}
      </p>
    </Notice>
  );
}
