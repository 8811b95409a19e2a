import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';
import { useEffect, useState } from 'react';
import type { Connection } from '../../api/types.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import { StorePicker } from '../../components/StorePicker.tsx';
import { store } from '../../store/index.ts';
import { GlTemplatesSection } from './sections/GlTemplatesSection.tsx';
import { LocationRoutingSection } from './sections/LocationRoutingSection.tsx';
import { PaymentSection, ShippingSection, TaxSection } from './sections/MethodSections.tsx';
import { OrderFlowSection } from './sections/OrderFlowSection.tsx';
import { OrderItemsSection } from './sections/OrderItemsSection.tsx';
import { PricesSection } from './sections/PricesSection.tsx';
import { SubsidiarySection } from './sections/SubsidiarySection.tsx';

/** A storefront connection's settings, one section per concern, each saved on its own; a picker when there are several. */
export function ConnectionSettings() {
  const remote = useSelect((select) => select(store).getConnections(), []);
  const { loadConnections } = useDispatch(store);
  const [chosen, setChosen] = useState<string | null>(null);

  useEffect(() => {
    void loadConnections();
  }, [loadConnections]);

  return (
    <div className="mlc-connection-settings">
      <RemoteView
        remote={remote}
        isEmpty={(items) => items.length === 0}
        empty={__('No store is connected yet: connect one on the Connection tab, then map it here.', 'ml-connector')}
        onRetry={() => void loadConnections()}
      >
        {(items) => {
          const connection = items.find((item) => item.id === chosen) ?? (items[0] as Connection);
          return (
            <>
              <StorePicker
                stores={items}
                chosen={connection}
                onChoose={setChosen}
                describeOnly={(only) =>
                  sprintf(
                    /* translators: 1: a store's name, 2: its URL. */ __('Settings of %1$s (%2$s).', 'ml-connector'),
                    only.name,
                    only.storeUrl,
                  )
                }
              />
              {/* Keyed by the connection: switching stores starts every section from that store's settings. */}
              <Sections key={connection.id} connection={connection} />
            </>
          );
        }}
      </RemoteView>
    </div>
  );
}

function Sections({ connection }: { connection: Connection }) {
  const props = { connectionId: connection.id, settings: connection.settings };
  return (
    <>
      <SubsidiarySection {...props} />
      <LocationRoutingSection {...props} />
      <ShippingSection {...props} />
      <PaymentSection {...props} />
      <TaxSection {...props} />
      <GlTemplatesSection {...props} />
      <OrderItemsSection {...props} />
      <OrderFlowSection {...props} />
      <PricesSection {...props} />
    </>
  );
}
