import './connection/connection.css';
import { Notice } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { listNetSuiteAccounts } from '../api/netsuite-accounts.ts';
import { getPairing, getThisStore, listConnections } from '../api/store-connection.ts';
import { RemoteView } from '../components/RemoteView.tsx';
import { NetSuiteAccounts } from './connection/NetSuiteAccounts.tsx';
import { OtherPlatforms } from './connection/OtherPlatforms.tsx';
import { StoreConnections } from './connection/StoreConnections.tsx';
import { ThisStore } from './connection/ThisStore.tsx';
import { useRemote } from './connection/use-remote.ts';

/**
 * NetSuite accounts (add, test, delete) and storefront connections (this WooCommerce store's Connect and Disconnect,
 * every store the sidecar knows). Pairing stays on the PHP page: this screen's calls need it to work at all.
 */
export function Connection({ classicUrl }: { classicUrl: string }) {
  const pairing = useRemote(getPairing);

  return (
    <div className="mlc-connection">
      <section className="mlc-section">
        <h2>{__('Sidecar', 'ml-connector')}</h2>
        <RemoteView remote={pairing} empty="" onRetry={() => void pairing.reload()}>
          {(data) =>
            data.paired ? (
              <p>
                {__('Paired with', 'ml-connector')} <code>{data.sidecarUrl}</code>.{' '}
                <a href={classicUrl}>{__('Pair again (another URL or admin token)', 'ml-connector')}</a>
              </p>
            ) : (
              <Notice status="warning" isDismissible={false}>
                {__('Pair WordPress with the sidecar first: enter its URL and admin token on the', 'ml-connector')}{' '}
                <a href={classicUrl}>{__('pairing page', 'ml-connector')}</a>.
              </Notice>
            )
          }
        </RemoteView>
      </section>
      {pairing.data?.paired && <PairedConnection />}
    </div>
  );
}

/** Everything that goes through the sidecar, loaded once the pairing is known to exist. */
function PairedConnection() {
  const accounts = useRemote(listNetSuiteAccounts);
  const connections = useRemote(listConnections);
  const thisStore = useRemote(getThisStore);

  return (
    <>
      <NetSuiteAccounts accounts={accounts} reload={accounts.reload} />
      <section className="mlc-section">
        <h2>{__('Storefront connections', 'ml-connector')}</h2>
        <ThisStore thisStore={thisStore} accounts={accounts} onChanged={() => void connections.reload()} />
        <StoreConnections
          connections={connections}
          reload={connections.reload}
          accounts={accounts.data}
          thisStoreConnectionId={thisStore.data?.connectionId ?? null}
        />
        <OtherPlatforms />
      </section>
    </>
  );
}
