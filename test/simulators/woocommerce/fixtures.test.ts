import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { phpJsonEncode } from './php.ts';

const FIXTURES = '/work/shared/fixtures/woocommerce';

interface Recording {
  topic: string;
  raw_headers: [string, string][];
  body_raw: string;
  webhook_secret: string | null;
}

const recordings = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.json'))
  .map((name) => ({ name, ...(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Recording) }));

const header = (recording: Recording, name: string) =>
  recording.raw_headers.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

describe('the recorded WooCommerce 11.0.1 deliveries', () => {
  it.each(recordings.filter((recording) => recording.webhook_secret))(
    '$name: signed as the simulator signs',
    (recording) => {
      const signature = createHmac('sha256', recording.webhook_secret ?? '')
        .update(recording.body_raw)
        .digest('base64');
      expect(header(recording, 'X-WC-Webhook-Signature')).toBe(signature);
    },
  );

  it.each(recordings.filter((recording) => recording.topic !== 'ping'))(
    '$name: re-encoded byte for byte by the PHP JSON encoder',
    (recording) => {
      expect(phpJsonEncode(JSON.parse(recording.body_raw))).toBe(recording.body_raw);
    },
  );

  it('ping: form-encoded, no X-WC-Webhook-* header', () => {
    const ping = recordings.find((recording) => recording.topic === 'ping');
    expect(ping?.body_raw).toMatch(/^webhook_id=\d+$/);
    expect(ping?.raw_headers.some(([name]) => name.startsWith('X-WC-'))).toBe(false);
    expect(header(ping as Recording, 'Content-Type')).toBe('application/x-www-form-urlencoded');
  });
});
