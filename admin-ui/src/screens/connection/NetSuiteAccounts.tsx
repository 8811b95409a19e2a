import { Card, CardBody, CardHeader, Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useState } from 'react';
import type { NetSuiteAccount } from '../../api/netsuite-accounts.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import type { Remote } from '../../store/state.ts';
import { AccountRow } from './AccountRow.tsx';
import { AddAccountForm } from './AddAccountForm.tsx';

interface Props {
  accounts: Remote<NetSuiteAccount[]>;
  reload: () => Promise<void>;
}

/** The NetSuite accounts the sidecar knows, each with Test connection and Delete, and the form that adds one. */
export function NetSuiteAccounts({ accounts, reload }: Props) {
  const [notice, setNotice] = useState<{ status: 'success' | 'error'; text: string } | null>(null);

  return (
    <section className="mlc-section">
      <h2>{__('NetSuite accounts', 'ml-connector')}</h2>
      <Card className="mlc-card">
        <CardHeader>
          <h3>{__('Accounts', 'ml-connector')}</h3>
        </CardHeader>
        <CardBody>
          {notice && (
            <Notice status={notice.status} onRemove={() => setNotice(null)}>
              {notice.text}
            </Notice>
          )}
          <RemoteView
            remote={accounts}
            isEmpty={(items) => items.length === 0}
            empty={__('No NetSuite account yet: add one below, then connect a store to it.', 'ml-connector')}
            onRetry={() => void reload()}
          >
            {(items) => (
              <table className="widefat striped mlc-accounts">
                <thead>
                  <tr>
                    <th>{__('Account ID', 'ml-connector')}</th>
                    <th>{__('Authentication', 'ml-connector')}</th>
                    <th>{__('Credentials', 'ml-connector')}</th>
                    <th>{__('Added', 'ml-connector')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {items.map((account) => (
                    <AccountRow
                      key={account.id}
                      account={account}
                      onError={(text) => setNotice({ status: 'error', text })}
                      onDeleted={(accountId) => {
                        setNotice({
                          status: 'success',
                          text: sprintf(
                            /* translators: %s: NetSuite account id. */
                            __('NetSuite account %s and its credentials were deleted.', 'ml-connector'),
                            accountId,
                          ),
                        });
                        void reload();
                      }}
                    />
                  ))}
                </tbody>
              </table>
            )}
          </RemoteView>
        </CardBody>
      </Card>
      <AddAccountForm onSaved={() => void reload()} />
    </section>
  );
}
