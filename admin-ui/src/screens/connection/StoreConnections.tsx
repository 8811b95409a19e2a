import { __, sprintf } from '@wordpress/i18n';
import type { ApiError } from '../../api/client.ts';
import type { NetSuiteAccount } from '../../api/netsuite-accounts.ts';
import { deleteConnection, type Platform, type StoreConnection } from '../../api/store-connection.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import type { Remote } from '../../store/state.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { ConnectionCard, useCardNotice } from './ConnectionCard.tsx';
import { CopyButton } from './CopyButton.tsx';

interface Props {
  connections: Remote<StoreConnection[]>;
  reload: () => Promise<void>;
  accounts: NetSuiteAccount[] | null;
  /** This store's own connection: removed by Disconnect (which also removes its webhooks and API key), not here. */
  thisStoreConnectionId: string | null;
}

export const platformName = (platform: Platform) =>
  ({
    woocommerce: __('WooCommerce', 'ml-connector'),
    shopify: __('Shopify', 'ml-connector'),
    'adobe-commerce': __('Adobe Commerce', 'ml-connector'),
  })[platform] ?? platform;

/** Every store connected to the sidecar, with the URL its webhooks go to. */
export function StoreConnections({ connections, reload, accounts, thisStoreConnectionId }: Props) {
  const [notice, setNotice] = useCardNotice();
  const accountName = (id: string) => accounts?.find((account) => account.id === id)?.accountId ?? id;

  const remove = async (connection: StoreConnection) => {
    setNotice(null);
    try {
      await deleteConnection(connection.id);
      setNotice({
        status: 'success',
        text: sprintf(
          /* translators: %s: a store's URL. */
          __('The connection of %s was deleted; the sidecar no longer accepts its webhooks.', 'ml-connector'),
          connection.storeUrl,
        ),
      });
      void reload();
    } catch (reason) {
      setNotice({ status: 'error', text: (reason as ApiError).message });
    }
  };

  return (
    <ConnectionCard
      title={__('All connected stores', 'ml-connector')}
      notice={notice}
      onDismissNotice={() => setNotice(null)}
    >
      <RemoteView
        remote={connections}
        isEmpty={(items) => items.length === 0}
        empty={__('No store is connected to the sidecar yet.', 'ml-connector')}
        onRetry={() => void reload()}
      >
        {(items) => (
          <table className="widefat striped mlc-connections">
            <thead>
              <tr>
                <th>{__('Platform', 'ml-connector')}</th>
                <th>{__('Store', 'ml-connector')}</th>
                <th>{__('NetSuite account', 'ml-connector')}</th>
                <th>{__('Webhook URL', 'ml-connector')}</th>
                <th>{__('Created', 'ml-connector')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((connection) => (
                <tr key={connection.id}>
                  <td>{platformName(connection.platform)}</td>
                  <td>
                    {connection.name}
                    <br />
                    <a href={connection.storeUrl} target="_blank" rel="noreferrer">
                      {connection.storeUrl}
                    </a>
                  </td>
                  <td>{accountName(connection.netsuiteAccountId)}</td>
                  <td>
                    <code>{connection.webhookUrl}</code>{' '}
                    <CopyButton text={connection.webhookUrl} label={__('Copy the webhook URL', 'ml-connector')} />
                  </td>
                  <td>{new Date(connection.createdAt).toLocaleString()}</td>
                  <td>
                    {connection.id === thisStoreConnectionId ? (
                      <em>{__('This store: use Disconnect', 'ml-connector')}</em>
                    ) : (
                      <ConfirmButton
                        isDestructive
                        variant="tertiary"
                        confirmText={__('Delete connection', 'ml-connector')}
                        question={sprintf(
                          /* translators: %s: a store's URL. */
                          __(
                            'Delete the connection of %s? The sidecar stops accepting its webhooks and forgets its secrets; the store’s own webhooks and API key stay until removed there.',
                            'ml-connector',
                          ),
                          connection.storeUrl,
                        )}
                        onConfirm={() => remove(connection)}
                      >
                        {__('Delete', 'ml-connector')}
                      </ConfirmButton>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </RemoteView>
    </ConnectionCard>
  );
}
