import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import {
  type ConnectionTest,
  deleteNetSuiteAccount,
  type NetSuiteAccount,
  testNetSuiteAccount,
} from '../../api/netsuite-accounts.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { TestResult } from './TestResult.tsx';

interface Props {
  account: NetSuiteAccount;
  onDeleted: (accountId: string) => void;
  onError: (message: string) => void;
}

const COLUMNS = 5;

/** One NetSuite account: what identifies it, Test connection (with what came back below it) and Delete. */
export function AccountRow({ account, onDeleted, onError }: Props) {
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<ConnectionTest | null>(null);

  const test = async () => {
    setTesting(true);
    setResult(null);
    try {
      setResult(await testNetSuiteAccount(account.id));
    } catch (reason) {
      onError(
        sprintf(
          /* translators: 1: NetSuite account id, 2: the error's message. */
          __('Could not test NetSuite account %1$s: %2$s', 'ml-connector'),
          account.accountId,
          (reason as ApiError).message,
        ),
      );
    } finally {
      setTesting(false);
    }
  };

  const remove = async () => {
    try {
      await deleteNetSuiteAccount(account.id);
      onDeleted(account.accountId);
    } catch (reason) {
      const error = reason as ApiError;
      onError(
        error.code === 'NETSUITE_ACCOUNT_IN_USE'
          ? sprintf(
              /* translators: %s: NetSuite account id. */
              __(
                'NetSuite account %s is still used by a store connection: disconnect or delete that connection first, then delete the account.',
                'ml-connector',
              ),
              account.accountId,
            )
          : error.message,
      );
    }
  };

  return (
    <>
      <tr>
        <td>
          <strong>{account.accountId}</strong>
          {account.baseUrl && (
            <>
              <br />
              <code>{account.baseUrl}</code>
            </>
          )}
        </td>
        <td>
          {account.authType === 'm2m'
            ? __('Machine to machine', 'ml-connector')
            : __('Token-based (TBA)', 'ml-connector')}
        </td>
        <td>
          {account.authType === 'm2m'
            ? sprintf(
                /* translators: 1: OAuth client id, 2: certificate id. */
                __('Client %1$s, certificate %2$s', 'ml-connector'),
                account.clientId ?? '—',
                account.certificateId ?? '—',
              )
            : __('Token credentials (write-only)', 'ml-connector')}
        </td>
        <td>{new Date(account.createdAt).toLocaleString()}</td>
        <td className="mlc-actions">
          <Button variant="secondary" onClick={() => void test()} isBusy={testing} disabled={testing}>
            {testing ? __('Testing…', 'ml-connector') : __('Test connection', 'ml-connector')}
          </Button>{' '}
          <ConfirmButton
            isDestructive
            variant="tertiary"
            confirmText={__('Delete account', 'ml-connector')}
            question={sprintf(
              /* translators: %s: NetSuite account id. */
              __('Delete NetSuite account %s and its credentials from the sidecar?', 'ml-connector'),
              account.accountId,
            )}
            onConfirm={remove}
          >
            {__('Delete', 'ml-connector')}
          </ConfirmButton>
        </td>
      </tr>
      {result && (
        <tr>
          <td colSpan={COLUMNS}>
            <TestResult accountId={account.accountId} result={result} onRemove={() => setResult(null)} />
          </td>
        </tr>
      )}
    </>
  );
}
