import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../sidecar/src/redact.ts';

describe('Redactor', () => {
  it('scrubs every known secret wherever it appears, including its JSON-escaped form', () => {
    const redactor = new Redactor();
    const plain = randomBytes(24).toString('base64url');
    const awkward = `pa"ss\\${randomBytes(8).toString('hex')}\n`;
    redactor.addSecret(plain);
    redactor.addSecret(awkward);
    const line = JSON.stringify({ msg: `token=${plain}; again ${plain}`, nested: { value: awkward } });
    const scrubbed = redactor.scrub(line);
    expect(scrubbed).not.toContain(plain);
    expect(scrubbed).not.toContain(JSON.stringify(awkward).slice(1, -1));
    expect(scrubbed.split(REDACTED)).toHaveLength(4);
  });

  it('replaces fields named as secrets, keeps the rest, and does not touch the original', () => {
    const redactor = new Redactor();
    const input = {
      headers: { Authorization: 'Bearer abc', 'content-type': 'application/json' },
      consumer_secret: 'cs_123',
      privateKeyPem: '-----BEGIN…',
      order: { id: 42, total: '10.00', lines: [{ sku: 'TS-RED-M' }] },
      emptyPassword: '',
    };
    const output = redactor.redact(input);
    expect(output).toEqual({
      headers: { Authorization: REDACTED, 'content-type': 'application/json' },
      consumer_secret: REDACTED,
      privateKeyPem: REDACTED,
      order: { id: 42, total: '10.00', lines: [{ sku: 'TS-RED-M' }] },
      emptyPassword: '',
    });
    expect(input.consumer_secret).toBe('cs_123');
  });

  it('ignores values too short to be secrets, so ordinary words survive', () => {
    const redactor = new Redactor();
    redactor.addSecret('abc');
    expect(redactor.scrub('abc def')).toBe('abc def');
  });
});

describe('Redactor.redact', () => {
  it('scrubs a secret field’s value from the rest of the same object, such as a response echoing it', () => {
    const redactor = new Redactor();
    const key = randomBytes(16).toString('hex');
    const output = redactor.redact({
      request: { body: { consumer_secret: key } },
      response: { body: { message: `Consumer secret ${key} is invalid` } },
    });
    expect(JSON.stringify(output)).not.toContain(key);
    expect(output.response.body.message).toBe(`Consumer secret ${REDACTED} is invalid`);
  });
});
