import type { OutboundCalls } from '../audit/outbound-call.ts';
import type { Job } from '../jobs/job.ts';
import { parseRetryAfter } from '../netsuite/retry-after.ts';
import type { AlertMessage } from './alert-message.ts';
import { type DeliveryResult, delivered, failed } from './delivery-result.ts';

/** Longest wait for the webhook's answer, in ms (default 15 s): Slack answers in well under a second. */
const WEBHOOK_TIMEOUT_MS = 15_000;

/**
 * Posts Slack's incoming-webhook body (`{ text, blocks }`). Slack answers 200 `ok`, or a 4xx with a word such as
 * `invalid_payload`, `no_service` or `channel_is_archived`: those will not mend themselves; 429 and 5xx are retried.
 */
export async function sendWebhook(
  outbound: OutboundCalls,
  url: string,
  message: AlertMessage,
  job?: Job,
): Promise<DeliveryResult> {
  let status: number;
  let body: string;
  let headers: Headers;
  try {
    ({ status, body, headers } = await outbound.send({
      target: 'alert',
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message.slack),
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      ...(job ? { job } : {}),
    }));
  } catch (error) {
    return failed(
      'ALERT_WEBHOOK_UNREACHABLE',
      `Could not reach the alert webhook: ${(error as Error).message}. It will be retried.`,
      true,
    );
  }
  const answer = body.slice(0, 200);
  if (status >= 200 && status < 300) return delivered(`The webhook accepted the message (HTTP ${status}).`);
  if (status === 429 || status >= 500) {
    const wait = parseRetryAfter(headers.get('retry-after'));
    return failed(
      'ALERT_WEBHOOK_UNAVAILABLE',
      `The alert webhook answered HTTP ${status}; it will be retried.`,
      true,
      answer,
      wait,
    );
  }
  return failed(
    'ALERT_WEBHOOK_REFUSED',
    `The alert webhook refused the message (HTTP ${status}: ${answer || 'no reason given'}): check its URL under Alert channels.`,
    false,
    answer,
  );
}
