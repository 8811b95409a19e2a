import { useDispatch, useSelect } from '@wordpress/data';
import { Fragment, type ReactNode, useEffect, useState } from 'react';
import type { Connection } from '../api/types.ts';
import { store } from '../store/index.ts';
import { RemoteView } from './RemoteView.tsx';
import { StorePicker } from './StorePicker.tsx';

interface Props {
  /** Only the stores of this platform (a panel the sidecar answers for WooCommerce only); default every store. */
  platform?: Connection['platform'];
  /** What to say when there is no store to choose. */
  empty: string;
  /** What the panel shows of the only store, when there is no choice to make. */
  describeOnly: (store: Connection) => string;
  children: (connection: Connection) => ReactNode;
}

/**
 * The connections list loaded, its loading, error and empty states, and the store a panel acts on: the first until
 * another is picked. What it renders is keyed by the chosen store, so switching stores starts it afresh from that
 * store's data, with no notice or result of the other left over.
 */
export function StoreChooser({ platform, empty, describeOnly, children }: Props) {
  const remote = useSelect((select) => select(store).getConnections(), []);
  const { loadConnections } = useDispatch(store);
  const [chosen, setChosen] = useState<string | null>(null);

  useEffect(() => {
    void loadConnections();
  }, [loadConnections]);

  const choosable = (items: Connection[]) => (platform ? items.filter((item) => item.platform === platform) : items);

  return (
    <RemoteView
      remote={remote}
      isEmpty={(items) => choosable(items).length === 0}
      empty={empty}
      onRetry={() => void loadConnections()}
    >
      {(items) => {
        const stores = choosable(items);
        const connection = stores.find((item) => item.id === chosen) ?? (stores[0] as Connection);
        return (
          <>
            <StorePicker stores={stores} chosen={connection} onChoose={setChosen} describeOnly={describeOnly} />
            <Fragment key={connection.id}>{children(connection)}</Fragment>
          </>
        );
      }}
    </RemoteView>
  );
}
