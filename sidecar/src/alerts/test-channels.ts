import type { OutboundCalls } from '../audit/outbound-call.ts';
import type { Db } from '../db/client.ts';
import type { Vault } from '../vault/vault.ts';
import { composeMessage } from './alert-message.ts';
import { CHANNELS, type ChannelName, readChannels, resolveChannel } from './channel-settings.ts';
import type { DeliveryResult } from './delivery-result.ts';
import { sendToChannel } from './send-to-channel.ts';

export type ChannelTestResult = { channel: ChannelName } & DeliveryResult;

/** Sends a test message to every configured channel at once (no job, no retry) and says how each went. */
export async function testChannels(db: Db, vault: Vault, outbound: OutboundCalls): Promise<ChannelTestResult[]> {
  const channels = await readChannels(db);
  const message = composeMessage({
    kind: 'test',
    severity: 'info',
    message: 'This is a test of the ml-connector alert channels. If you can read it, alerts will reach you here.',
  });
  const results: ChannelTestResult[] = [];
  for (const name of CHANNELS) {
    const channel = await resolveChannel(db, vault, channels, name);
    if (channel) results.push({ channel: name, ...(await sendToChannel(outbound, channel, message)) });
  }
  return results;
}
