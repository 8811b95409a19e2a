/**
 * The orders the demo's shoppers place. The first is the order recorded from a real WooCommerce 11.0.1
 * (`order.created`, id 12, in the shared fixtures: a guest, two "Heldout Widget" at 19.99 whose SKU the demo leaves
 * unmapped, flat-rate shipping of 5.00, paid by bank transfer); the second is the registered shopper of WooCommerce's
 * REST documentation (`test/support/woocommerce-payloads.ts`, without its coupon, fee and second shipping method);
 * the third is the recorded guest again, whom NetSuite already knows by her email. The store renders, signs and
 * delivers them itself, as WooCommerce does.
 */
import type { OrderInput } from '../../test/simulators/woocommerce/orders.ts';

const ADA = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  address_1: '1 Analytical Way',
  city: 'San Francisco',
  state: 'CA',
  postcode: '94103',
  country: 'US',
};

const JOHN = {
  first_name: 'John',
  last_name: 'Doe',
  company: 'Doe Ltd',
  address_1: '969 Market',
  city: 'San Francisco',
  state: 'CA',
  postcode: '94103',
  country: 'US',
};

const FLAT_RATE = [{ method_id: 'flat_rate', method_title: 'Flat rate', total: '5.00' }];

export const recordedGuestOrder = (): OrderInput => ({
  billing: { ...ADA, email: 'ada@example.test', phone: '555-0100' },
  shipping: ADA,
  payment_method: 'bacs',
  payment_method_title: 'Direct bank transfer',
  created_via: 'rest-api',
  line_items: [{ sku: 'HELDOUT-SKU-001', quantity: 2 }],
  shipping_lines: FLAT_RATE,
  set_paid: true,
});

export const registeredOrder = (customerId: number, taxRateId: number): OrderInput => ({
  customer_id: customerId,
  billing: { ...JOHN, email: 'john.doe@example.com', phone: '(555) 555-5555' },
  shipping: JOHN,
  payment_method: 'stripe',
  payment_method_title: 'Credit Card (Stripe)',
  transaction_id: 'ch_3Nf9example',
  created_via: 'checkout',
  customer_note: 'Leave at the back door',
  line_items: [
    { sku: 'TSHIRT-BLK-M', quantity: 2 },
    { sku: 'MUG-WHT', quantity: 1 },
  ],
  shipping_lines: FLAT_RATE,
  tax_rate_ids: [taxRateId],
  set_paid: true,
});

export const returningGuestOrder = (taxRateId: number): OrderInput => ({
  billing: { ...ADA, email: 'ada@example.test', phone: '555-0100' },
  shipping: ADA,
  payment_method: 'stripe',
  payment_method_title: 'Credit Card (Stripe)',
  line_items: [{ sku: 'MUG-WHT', quantity: 3 }],
  shipping_lines: FLAT_RATE,
  tax_rate_ids: [taxRateId],
  set_paid: true,
});

export const JOHN_DOE = { email: 'john.doe@example.com', first_name: 'John', last_name: 'Doe', username: 'johndoe' };
