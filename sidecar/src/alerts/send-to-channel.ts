import type { OutboundCalls } from '../audit/outbound-call.ts';
import type { Job } from '../jobs/job.ts';
import type { AlertMessage } from './alert-message.ts';
import type { ResolvedChannel } from './channel-settings.ts';
import type { DeliveryResult } from './delivery-result.ts';
import { sendEmail } from './send-email.ts';
import { sendWebhook } from './send-webhook.ts';

export function sendToChannel(
  outbound: OutboundCalls,
  channel: ResolvedChannel,
  message: AlertMessage,
  job?: Job,
): Promise<DeliveryResult> {
  return channel.name === 'email'
    ? sendEmail(outbound, channel.email, channel.password, message, job)
    : sendWebhook(outbound, channel.url, message, job);
}
