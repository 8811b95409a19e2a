import { Button, Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useCallback, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import {
  activateStoreWebhook,
  getWebhookHealth,
  type StoreWebhookHealth,
  type WebhookActivated,
} from '../../api/webhook-health.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import { type NoticeState, ResultNotice } from '../../components/ResultNotice.tsx';
import { StoreChooser } from '../../components/StoreChooser.tsx';
import { useRemote } from '../connection/use-remote.ts';

const when = (iso: string) => new Date(iso).toLocaleString();

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A quiet spell in words: minutes under two hours, hours under two days, then days. */
function durationText(ms: number): string {
  if (ms < 2 * HOUR) {
    return sprintf(/* translators: %d: a number of minutes. */ __('%d min', 'ml-connector'), Math.round(ms / MINUTE));
  }
  if (ms < 48 * HOUR) {
    return sprintf(/* translators: %d: a number of hours. */ __('%d h', 'ml-connector'), Math.round(ms / HOUR));
  }
  return sprintf(/* translators: %d: a number of days. */ __('%d days', 'ml-connector'), Math.round(ms / (24 * HOUR)));
}

/** How re-enabling went: the webhook is active either way; the backfill's own sentence says what it queued. */
function activatedNotice(result: WebhookActivated): NoticeState {
  const active = sprintf(
    /* translators: %s: the webhook's topic, e.g. order.created. */
    __('Webhook %s is active again.', 'ml-connector'),
    result.webhook.topic,
  );
  const { status, message } = result.backfill;
  const text = message
    ? sprintf(
        /* translators: 1: the webhook is active again, 2: what the missed-webhook backfill did. */
        __('%1$s Backfill: %2$s', 'ml-connector'),
        active,
        message,
      )
    : active;
  return { status: status === 'finished' ? 'success' : status === 'not-scheduled' ? 'info' : 'warning', text };
}

/**
 * What the sidecar knows of each WooCommerce store's webhooks that the store itself does not say: the last delivery
 * it received, a store gone silent for longer than usual, the webhooks as its health check last read them, and
 * Re-enable through the sidecar, which also backfills the orders placed while the webhook was off.
 */
export function DeliveryHealth() {
  return (
    <div className="mlc-delivery-health">
      <StoreChooser
        platform="woocommerce"
        empty={__('No WooCommerce store is connected yet: connect one on the Connection tab.', 'ml-connector')}
        describeOnly={(only) =>
          sprintf(
            /* translators: 1: a store's name, 2: its URL. */
            __('Deliveries from %1$s (%2$s), as the sidecar sees them.', 'ml-connector'),
            only.name,
            only.storeUrl,
          )
        }
      >
        {(connection) => <DeliveryPanel connectionId={connection.id} />}
      </StoreChooser>
    </div>
  );
}

function DeliveryPanel({ connectionId }: { connectionId: string }) {
  const load = useCallback(() => getWebhookHealth(connectionId), [connectionId]);
  const health = useRemote(load);
  const [busyId, setBusyId] = useState<number | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);

  const reenable = async (data: StoreWebhookHealth, webhookId: number) => {
    setNotice(null);
    setBusyId(webhookId);
    try {
      const result = await activateStoreWebhook(connectionId, webhookId);
      health.set({ ...data, webhooks: data.webhooks.map((w) => (w.id === webhookId ? result.webhook : w)) });
      setNotice(activatedNotice(result));
    } catch (reason) {
      setNotice({ status: 'error', text: (reason as ApiError).message });
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div className="mlc-delivery-store">
      <ResultNotice notice={notice} onRemove={() => setNotice(null)} />
      <RemoteView remote={health} empty="" onRetry={() => void health.reload()}>
        {(data) => (
          <>
            <Deliveries health={data} />
            <SeenWebhooks health={data} busyId={busyId} onReenable={(id) => void reenable(data, id)} />
          </>
        )}
      </RemoteView>
    </div>
  );
}

function Deliveries({ health }: { health: StoreWebhookHealth }) {
  const { lastDeliveryAt, deliveries } = health;
  return (
    <>
      <p className="mlc-last-delivery">
        {lastDeliveryAt
          ? sprintf(
              /* translators: %s: when the sidecar received the store's last webhook. */
              __('Last delivery received: %s.', 'ml-connector'),
              when(lastDeliveryAt),
            )
          : __('The sidecar has received no delivery from this store yet.', 'ml-connector')}{' '}
        {deliveries.state === 'learning' &&
          __('Too little traffic in the last week to know how long this store is usually quiet.', 'ml-connector')}
      </p>
      {deliveries.state === 'silent' && (
        <Notice status="warning" isDismissible={false}>
          {sprintf(
            /* translators: 1: how long the store has sent nothing, 2: the longest quiet spell that is usual for it. */
            __(
              'No delivery for %1$s, longer than this store is usually quiet (%2$s): a webhook may be off, or WooCommerce may not reach the sidecar.',
              'ml-connector',
            ),
            durationText(deliveries.silentForMs ?? 0),
            durationText(deliveries.allowedSilenceMs ?? 0),
          )}
        </Notice>
      )}
    </>
  );
}

interface SeenProps {
  health: StoreWebhookHealth;
  busyId: number | null;
  onReenable: (webhookId: number) => void;
}

function SeenWebhooks({ health, busyId, onReenable }: SeenProps) {
  if (!health.checkedAt) {
    return (
      <p className="mlc-empty">
        {__(
          'The sidecar has not read this store’s webhooks yet: its webhook health check runs every 15 minutes.',
          'ml-connector',
        )}
      </p>
    );
  }
  return (
    <>
      {health.error && (
        <Notice status="error" isDismissible={false}>
          {sprintf(
            /* translators: 1: the store's error message, 2: its code. */
            __('The last check could not read the store’s webhooks: %1$s (%2$s)', 'ml-connector'),
            health.error.message,
            health.error.code,
          )}
        </Notice>
      )}
      {health.missingTopics.length > 0 && (
        <Notice status="warning" isDismissible={false}>
          {sprintf(
            /* translators: %s: webhook topics, e.g. order.created, order.updated. */
            __(
              'No webhook of the connector delivers %s: connect the store again on the Connection tab to recreate it.',
              'ml-connector',
            ),
            health.missingTopics.join(', '),
          )}
        </Notice>
      )}
      <p>
        {sprintf(
          /* translators: %s: when the sidecar last read the store's webhooks. */
          __('The connector’s webhooks as the sidecar read them %s:', 'ml-connector'),
          when(health.checkedAt),
        )}
      </p>
      <table className="widefat striped mlc-webhooks-seen">
        <thead>
          <tr>
            <th>{__('Webhook', 'ml-connector')}</th>
            <th>{__('Status', 'ml-connector')}</th>
            <th>{__('Not active since', 'ml-connector')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {health.webhooks.map((webhook) => (
            <tr key={webhook.id}>
              <td>{webhook.topic}</td>
              <td>{webhook.status}</td>
              <td>{webhook.notActiveSince ? when(webhook.notActiveSince) : '—'}</td>
              <td>
                {webhook.status !== 'active' && (
                  <Button
                    variant="secondary"
                    isBusy={busyId === webhook.id}
                    disabled={busyId !== null}
                    onClick={() => onReenable(webhook.id)}
                  >
                    {__('Re-enable and backfill', 'ml-connector')}
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
