import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ERASED,
  eraseDeliveryBody,
  eraseRecorded,
  eraseText,
  isErased,
  type Subject,
  subjectMatcher,
} from '../../sidecar/src/personal-data/erase-values.ts';

const subject = (emails: string[], names: string[]): Subject => ({ emails: new Set(emails), names: new Set(names) });
const grace = subject(['grace@example.test'], ['Grace', 'Hopper', 'Grace Hopper']);

/** The customer.created delivery recorded from WooCommerce 11.0.1, PHP escapes (`\/`) and all. */
const recordedCustomer = (
  JSON.parse(
    readFileSync(new URL('../../../shared/fixtures/woocommerce/customer.created.json', import.meta.url), 'utf8'),
  ) as { body_raw: string }
).body_raw;

describe('erasing WooCommerce delivery bodies', () => {
  it('erases every personal field of a recorded customer body and keeps its id, dates, role and links', () => {
    const erased = JSON.parse(eraseDeliveryBody('customer.created', recordedCustomer, grace) ?? 'null');
    expect(erased).toMatchObject({
      id: 2,
      date_modified_gmt: '2026-11-23T15:33:55',
      role: 'customer',
      email: ERASED,
      first_name: ERASED,
      last_name: ERASED,
      username: ERASED,
      avatar_url: ERASED,
      billing: { first_name: ERASED, address_1: ERASED, city: ERASED, country: ERASED, email: ERASED, phone: '' },
      shipping: { first_name: '', address_1: '' },
      is_paying_customer: false,
    });
    expect(erased._links.self[0].href).toBe('http://127.0.0.1:8080/wp-json/wc/v3/customers/2');
    expect(JSON.stringify(erased)).not.toMatch(/grace|hopper|compiler/i);
  });

  it('keeps what an order is worth and where it is taxed, and erases who placed it', () => {
    const order = {
      id: 727,
      customer_id: 25,
      total: '41.03',
      status: 'processing',
      customer_note: 'Ring Grace twice',
      customer_ip_address: '203.0.113.10',
      customer_user_agent: 'Mozilla/5.0',
      billing: { first_name: 'Grace', last_name: 'Hopper', state: 'NY', country: 'US', email: 'GRACE@example.test' },
      line_items: [{ id: 1, name: 'Ceramic Mug', sku: 'MUG-WHT', total: '8.00' }],
      meta_data: [{ id: 9, key: 'gift_message', value: 'For Grace, from the team' }],
    };
    const erased = JSON.parse(eraseDeliveryBody('order.updated', JSON.stringify(order), grace) ?? 'null');
    expect(erased).toEqual({
      ...order,
      customer_note: ERASED,
      customer_ip_address: ERASED,
      customer_user_agent: ERASED,
      billing: { first_name: ERASED, last_name: ERASED, state: 'NY', country: 'US', email: ERASED },
      meta_data: [{ id: 9, key: 'gift_message', value: `For ${ERASED}, from the team` }],
    });
  });

  it('says when nothing changes, so a second erasure writes nothing', () => {
    const once = eraseDeliveryBody('customer.created', recordedCustomer, grace) ?? '';
    expect(eraseDeliveryBody('customer.created', once, grace)).toBeUndefined();
    expect(eraseDeliveryBody('product.updated', '{"id":5,"sku":"MUG-WHT"}', grace)).toBeUndefined();
  });

  it('scrubs a body that is not JSON as text', () => {
    expect(eraseDeliveryBody('order.updated', 'webhook_id=3 grace@example.test', grace)).toBe(`webhook_id=3 ${ERASED}`);
  });
});

describe('erasing what the sidecar recorded', () => {
  it('erases personal fields by name in either spelling, and the person from every other text', () => {
    const recorded = {
      request: {
        url: 'https://x/record/v1/customer/eid:WOO_CUST_2',
        body: { firstName: 'Grace', companyName: 'Navy', email: 'grace@example.test', subsidiary: { id: '1' } },
      },
      response: { body: { entity: { id: '7', refName: 'Grace Hopper' }, item: { refName: 'Ceramic Mug' } } },
      nested: [{ addressee: 'G. Hopper', addr1: '2 Compiler Rd', zip: '10001', state: 'NY' }],
    };
    expect(eraseRecorded(recorded, grace)).toEqual({
      request: {
        url: recorded.request.url,
        body: { firstName: ERASED, companyName: ERASED, email: ERASED, subsidiary: { id: '1' } },
      },
      response: { body: { entity: { id: '7', refName: ERASED }, item: { refName: 'Ceramic Mug' } } },
      nested: [{ addressee: ERASED, addr1: ERASED, zip: ERASED, state: 'NY' }],
    });
    expect(eraseRecorded({ code: 'UNMAPPED_SKU', skus: ['MUG-WHT'] }, grace)).toBeUndefined();
    expect(eraseRecorded(null, grace)).toBeUndefined();
  });

  it('matches emails in any case and names only as whole, case-sensitive words', () => {
    const al = subject(['al@example.test'], ['Al']);
    expect(eraseText('Mail to AL@Example.TEST for Al; ship to AL, Alabama', al)).toBe(
      `Mail to ${ERASED} for ${ERASED}; ship to AL, Alabama`,
    );
    expect(subjectMatcher(subject([], []))('unchanged')).toBe('unchanged');
    expect(eraseText('0190b2c4-abba-7def-8abc-0123456789ab', subject([], ['abba']))).toBeUndefined();
    expect(isErased(ERASED)).toBe(true);
    expect(isErased('Grace')).toBe(false);
  });
});
