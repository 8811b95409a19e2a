import { Notice, Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import type { NetSuiteAccount } from '../../api/netsuite-accounts.ts';
import {
  activateWebhook,
  connectThisStore,
  disconnectThisStore,
  type ThisStore as ThisStoreState,
} from '../../api/store-connection.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import { StoreWebhooks } from '../../components/StoreWebhooks.tsx';
import type { Remote } from '../../store/state.ts';
import { ConfirmButton } from './ConfirmButton.tsx';
import { ConnectForm } from './ConnectForm.tsx';
import { ConnectionCard, useCardNotice } from './ConnectionCard.tsx';
import { CopyButton } from './CopyButton.tsx';

interface Props {
  thisStore: Remote<ThisStoreState> & { reload: () => Promise<void>; set: (data: ThisStoreState) => void };
  accounts: Remote<NetSuiteAccount[]>;
  /** The store's connection was made or removed: the sidecar's list changed. */
  onChanged: () => void;
}

/**
 * WooCommerce, this store: Connect in one click and Disconnect go through the plugin's own routes, which also make
 * and remove the WooCommerce API key and webhooks; each webhook's health with Re-enable.
 */
export function ThisStore({ thisStore, accounts, onChanged }: Props) {
  const [notice, setNotice] = useCardNotice();
  const [reenabling, setReenabling] = useState<number | null>(null);

  const run = async (action: () => Promise<ThisStoreState>, success: string, changed = true) => {
    setNotice(null);
    try {
      thisStore.set(await action());
      setNotice({ status: 'success', text: success });
      if (changed) onChanged();
    } catch (reason) {
      setNotice({ status: 'error', text: (reason as ApiError).message });
    }
  };

  const reenable = async (id: number) => {
    setReenabling(id);
    try {
      await run(() => activateWebhook(id), __('The webhook is active again.', 'ml-connector'), false);
    } finally {
      setReenabling(null);
    }
  };

  const connectForm = () => {
    if (accounts.data === null) {
      return accounts.status === 'error' ? (
        <p className="mlc-error">
          {sprintf(
            /* translators: %s: the error's message. */
            __('The NetSuite accounts could not be loaded, so this store cannot be connected yet: %s', 'ml-connector'),
            accounts.error?.message ?? '',
          )}
        </p>
      ) : (
        <p className="mlc-loading">
          <Spinner /> {__('Loading…', 'ml-connector')}
        </p>
      );
    }
    if (accounts.data.length === 0) {
      return (
        <p className="mlc-empty">
          {__('Add a NetSuite account above first; then connect this store to it.', 'ml-connector')}
        </p>
      );
    }
    return (
      <ConnectForm
        accounts={accounts.data}
        onConnect={(input) =>
          run(
            () => connectThisStore(input),
            __('Connected: WooCommerce now sends orders, refunds and customers to the sidecar.', 'ml-connector'),
          )
        }
      />
    );
  };

  return (
    <ConnectionCard
      title={__('WooCommerce (this store)', 'ml-connector')}
      notice={notice}
      onDismissNotice={() => setNotice(null)}
    >
      <RemoteView remote={thisStore} empty="" onRetry={() => void thisStore.reload()}>
        {(state) => (
          <>
            {state.incomplete && (
              <Notice status="warning" isDismissible={false}>
                {__(
                  'A Connect did not finish. Disconnect to clean up what it made, then connect again.',
                  'ml-connector',
                )}
              </Notice>
            )}
            {state.connected && (
              <p>
                {sprintf(
                  /* translators: %s: date and time. */
                  __('Connected since %s. WooCommerce delivers to:', 'ml-connector'),
                  state.connectedAt ? new Date(state.connectedAt).toLocaleString() : '—',
                )}{' '}
                <code>{state.webhookUrl}</code>{' '}
                {state.webhookUrl && (
                  <CopyButton text={state.webhookUrl} label={__('Copy the webhook URL', 'ml-connector')} />
                )}
              </p>
            )}
            {state.connected || state.incomplete ? (
              <>
                <StoreWebhooks webhooks={state.webhooks} onReenable={reenable} busyId={reenabling} />
                <p>
                  <ConfirmButton
                    isDestructive
                    confirmText={__('Disconnect', 'ml-connector')}
                    question={__(
                      'Disconnect this store? Its WooCommerce webhooks, the sidecar’s connection and the REST API key are removed; orders stop reaching NetSuite.',
                      'ml-connector',
                    )}
                    onConfirm={() =>
                      run(
                        disconnectThisStore,
                        __(
                          'Disconnected: the webhooks, the sidecar’s connection and the REST API key were removed.',
                          'ml-connector',
                        ),
                      )
                    }
                  >
                    {__('Disconnect', 'ml-connector')}
                  </ConfirmButton>
                </p>
              </>
            ) : (
              <>
                <p>{__('This store is not connected to NetSuite yet.', 'ml-connector')}</p>
                {connectForm()}
              </>
            )}
          </>
        )}
      </RemoteView>
    </ConnectionCard>
  );
}
