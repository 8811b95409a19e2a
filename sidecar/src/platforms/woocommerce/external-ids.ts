/**
 * NetSuite externalIds for what a WooCommerce connection writes. The prefix is the connection's (default `WOO_`;
 * with two stores of one platform the connection's code goes into it, e.g. `WOO_EU_`), so ids never collide.
 */
import type { CustomerRef } from '../../canonical/customer.ts';

export const DEFAULT_WOO_PREFIX = 'WOO_';

export interface WooExternalIds {
  order(orderId: string): string;
  /** Undefined for a guest: guests have no storefront id and are matched by email only. */
  customer(ref: CustomerRef): string | undefined;
  deposit(orderId: string): string;
  /** `sequence` counts the invoices of one order from 1. */
  invoice(orderId: string, sequence: number): string;
  refund(refundId: string): string;
}

export function wooExternalIds(prefix: string = DEFAULT_WOO_PREFIX): WooExternalIds {
  return {
    order: (orderId) => `${prefix}ORDER_${orderId}`,
    customer: (ref) => (ref.kind === 'registered' ? `${prefix}CUST_${ref.id}` : undefined),
    deposit: (orderId) => `${prefix}DEP_${orderId}`,
    invoice: (orderId, sequence) => `${prefix}INV_${orderId}_${sequence}`,
    refund: (refundId) => `${prefix}REFUND_${refundId}`,
  };
}
