import { __, sprintf } from '@wordpress/i18n';
import type { Connection } from '../../api/types.ts';
import { StoreChooser } from '../../components/StoreChooser.tsx';
import { GlTemplatesSection } from './sections/GlTemplatesSection.tsx';
import { LocationRoutingSection } from './sections/LocationRoutingSection.tsx';
import { PaymentSection, ShippingSection, TaxSection } from './sections/MethodSections.tsx';
import { OrderFlowSection } from './sections/OrderFlowSection.tsx';
import { OrderItemsSection } from './sections/OrderItemsSection.tsx';
import { PricesSection } from './sections/PricesSection.tsx';
import { SubsidiarySection } from './sections/SubsidiarySection.tsx';

/** A storefront connection's settings, one section per concern, each saved on its own; a picker when there are several. */
export function ConnectionSettings() {
  return (
    <div className="mlc-connection-settings">
      <StoreChooser
        empty={__('No store is connected yet: connect one on the Connection tab, then map it here.', 'ml-connector')}
        describeOnly={(only) =>
          sprintf(
            /* translators: 1: a store's name, 2: its URL. */ __('Settings of %1$s (%2$s).', 'ml-connector'),
            only.name,
            only.storeUrl,
          )
        }
      >
        {(connection) => <Sections connection={connection} />}
      </StoreChooser>
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
