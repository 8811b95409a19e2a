import { __, sprintf } from '@wordpress/i18n';
import type { NetSuiteAccount } from '../../api/netsuite-accounts.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import type { Remote } from '../../store/state.ts';
import { AccountRow } from './AccountRow.tsx';
import { AddAccountForm } from './AddAccountForm.tsx';
import { ConnectionCard, useCardNotice } from './ConnectionCard.tsx';

interface Props {
  accounts: Remote<NetSuiteAccount[]>;
  reload: () => Promise<void>;
}

/** The NetSuite accounts the sidecar knows, each with Test connection and Delete, and the form that adds one. */
export function NetSuiteAccounts({ accounts, reload }: Props) {
  const [notice, setNotice] = useCardNotice();

  return (
    <section className="mlc-section">
      <h2>{__('NetSuite accounts', 'ml-connector')}</h2>
      <ConnectionCard title={__('Accounts', 'ml-connector')} notice={notice} onDismissNotice={() => setNotice(null)}>
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
      </ConnectionCard>
      <AddAccountForm onSaved={() => void reload()} />
    </section>
  );
}
