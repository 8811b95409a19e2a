import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import type { WebhookHealth } from '../api/types.ts';

interface Props {
  webhooks: WebhookHealth[];
  onReenable: (id: number) => Promise<void>;
  busyId: number | null;
}

/**
 * This store's WooCommerce webhooks (Overview and Connection); one WooCommerce disabled after failed deliveries can be
 * re-enabled.
 */
export function StoreWebhooks({ webhooks, onReenable, busyId }: Props) {
  if (webhooks.length === 0) return <p className="mlc-empty">{__('This store has no webhook yet.', 'ml-connector')}</p>;
  return (
    <table className="widefat striped mlc-webhooks">
      <thead>
        <tr>
          <th>{__('Webhook', 'ml-connector')}</th>
          <th>{__('Status', 'ml-connector')}</th>
          <th>{__('Failed deliveries in a row', 'ml-connector')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {webhooks.map((webhook) => (
          <tr key={webhook.id}>
            <td>{webhook.topic}</td>
            <td>{webhook.status}</td>
            <td>{webhook.failureCount}</td>
            <td>
              {webhook.status !== 'active' && webhook.status !== 'missing' && (
                <Button
                  variant="secondary"
                  isBusy={busyId === webhook.id}
                  disabled={busyId !== null}
                  onClick={() => void onReenable(webhook.id)}
                >
                  {__('Re-enable', 'ml-connector')}
                </Button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
