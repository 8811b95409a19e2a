import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';
import { useEffect } from 'react';
import type { NetSuiteAccountHealth } from '../../api/types.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import { store } from '../../store/index.ts';

/** The window, in hours (`netsuite/health?hours=`). */
const HOURS = 24;

const when = (at: string) => new Date(at).toLocaleString();

/** A refusal of the credentials: 401, 403, or the token endpoint's 4xx (anything 4xx but 429 the sidecar counts). */
const refusedCredentials = (account: NetSuiteAccountHealth) =>
  account.authFailures > 0 &&
  account.lastFailure?.status != null &&
  account.lastFailure.status >= 400 &&
  account.lastFailure.status < 500 &&
  account.lastFailure.status !== 429;

/** The account's state in words, for a merchant: what is wrong and, when they can, what to do. */
function statusOf(account: NetSuiteAccountHealth, hours: number): string {
  switch (account.state) {
    case 'ok':
      return __('OK', 'ml-connector');
    case 'idle':
      return sprintf(
        /* translators: %d: a number of hours. */
        __('No calls in the last %d h', 'ml-connector'),
        hours,
      );
    case 'failing':
      return refusedCredentials(account)
        ? __('Credentials refused — test the connection on the Connection tab', 'ml-connector')
        : __('NetSuite errors', 'ml-connector');
    case 'degraded':
      return account.throttled > 0 && account.throttled === account.failed
        ? __('Slowed down by NetSuite (429)', 'ml-connector')
        : __('NetSuite errors', 'ml-connector');
  }
}

function failureText(failure: NonNullable<NetSuiteAccountHealth['lastFailure']>): string {
  return failure.status === null
    ? sprintf(
        /* translators: 1: date and time, 2: what failed. */
        __('Last failure: %1$s, no answer: %2$s', 'ml-connector'),
        when(failure.at),
        failure.message,
      )
    : sprintf(
        /* translators: 1: date and time, 2: an HTTP status, 3: what failed and NetSuite's words. */
        __('Last failure: %1$s, HTTP %2$d: %3$s', 'ml-connector'),
        when(failure.at),
        failure.status,
        failure.message,
      );
}

function testText(test: NetSuiteAccountHealth['lastTest']): string {
  if (!test) return __('No recent connection test.', 'ml-connector');
  return test.ok
    ? sprintf(
        /* translators: %s: date and time. */
        __('Last connection test: %s, passed.', 'ml-connector'),
        when(test.at),
      )
    : sprintf(
        /* translators: 1: date and time, 2: an error code such as NETSUITE_AUTH_FAILED. */
        __('Last connection test: %1$s, failed (%2$s).', 'ml-connector'),
        when(test.at),
        test.code ?? '',
      );
}

function Account({ account, hours }: { account: NetSuiteAccountHealth; hours: number }) {
  return (
    <li className="mlc-netsuite-account">
      <strong>{account.netsuiteAccountId}</strong>{' '}
      <span className={`mlc-health mlc-health-${account.state}`}>{statusOf(account, hours)}</span>
      <br />
      {sprintf(
        /* translators: 1: calls, 2: failed calls, 3: 429 answers, 4: 5xx answers, 5: refused credentials. */
        __('%1$d calls, %2$d failed (%3$d throttled, %4$d server errors, %5$d credentials refused)', 'ml-connector'),
        account.calls,
        account.failed,
        account.throttled,
        account.serverErrors,
        account.authFailures,
      )}
      <br />
      {account.lastSuccessAt
        ? sprintf(
            /* translators: %s: date and time. */
            __('Last success: %s', 'ml-connector'),
            when(account.lastSuccessAt),
          )
        : sprintf(
            /* translators: %d: a number of hours. */
            __('No success in the last %d h', 'ml-connector'),
            hours,
          )}
      {account.lastFailure && (
        <>
          <br />
          {failureText(account.lastFailure)}
        </>
      )}
      <br />
      {testText(account.lastTest)}
    </li>
  );
}

/** Each NetSuite account's calls of the last hours, from the sidecar's audit trail, and its last connection test. */
export function NetSuiteHealth() {
  const remote = useSelect((select) => select(store).getNetSuiteHealth(), []);
  const { loadNetSuiteHealth } = useDispatch(store);

  useEffect(() => {
    void loadNetSuiteHealth(HOURS);
  }, [loadNetSuiteHealth]);

  return (
    <RemoteView
      remote={remote}
      isEmpty={(data) => data.items.length === 0}
      empty={__('No NetSuite account yet: add one on the Connection tab.', 'ml-connector')}
      onRetry={() => void loadNetSuiteHealth(HOURS)}
    >
      {(data) => (
        <ul className="mlc-netsuite-health">
          {data.items.map((account) => (
            <Account key={account.accountId} account={account} hours={data.hours} />
          ))}
        </ul>
      )}
    </RemoteView>
  );
}
