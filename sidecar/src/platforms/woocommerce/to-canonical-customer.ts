/** WooCommerce customer payload → canonical Customer (always registered: guests have no customer resource). */
import type { Customer } from '../../canonical/customer.ts';
import { ok, type Result } from '../../canonical/result.ts';
import { type WooCustomer, WooCustomerPayload } from './customer-payload.ts';
import { optional, parseWooPayload, present, toAddress } from './wire.ts';

export function toCanonicalCustomer(payload: unknown): Result<Customer> {
  const parsed = parseWooPayload(WooCustomerPayload, payload, 'customer');
  return parsed.ok ? ok(customerFrom(parsed.value)) : parsed;
}

/** The account's own name and email win; billing fills in what the account leaves blank. */
function customerFrom(customer: WooCustomer): Customer {
  return {
    ref: { kind: 'registered', id: String(customer.id) },
    ...optional('email', present(customer.email) ?? present(customer.billing?.email)),
    ...optional('firstName', present(customer.first_name) ?? present(customer.billing?.first_name)),
    ...optional('lastName', present(customer.last_name) ?? present(customer.billing?.last_name)),
    ...optional('company', present(customer.billing?.company)),
    ...optional('phone', present(customer.billing?.phone)),
    ...optional('billingAddress', toAddress(customer.billing)),
    ...optional('shippingAddress', toAddress(customer.shipping)),
    ...optional('createdAtGmt', customer.date_created_gmt ?? undefined),
    ...optional('modifiedAtGmt', customer.date_modified_gmt ?? undefined),
  };
}
