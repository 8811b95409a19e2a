import { __ } from '@wordpress/i18n';
import { ConnectionCard } from './ConnectionCard.tsx';

/**
 * Shopify and Adobe Commerce: the sidecar's connection schema names them, but it refuses them
 * (`PLATFORM_NOT_SUPPORTED`) until their flows exist, and their credentials are not in the API yet. So no form
 * here: a form would have to invent fields.
 */
export function OtherPlatforms() {
  return (
    <ConnectionCard title={__('Shopify and Adobe Commerce', 'ml-connector')}>
      <p className="mlc-empty">
        {__(
          'Connecting Shopify and Adobe Commerce stores comes with the Shopify and Adobe Commerce flows: the sidecar accepts WooCommerce stores only for now. Once it accepts them, they are created here and listed above with the webhook URL to give the platform.',
          'ml-connector',
        )}
      </p>
    </ConnectionCard>
  );
}
