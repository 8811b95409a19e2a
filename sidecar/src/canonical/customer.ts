/**
 * The storefront customer behind a customer delivery or an order. Registered customers are matched in NetSuite by
 * their storefront id (externalId) first, then email; guests have no storefront id and match by email only.
 */
import type { Address } from './address.ts';
import type { UtcTimestamp } from './time.ts';

export type CustomerRef =
  | { kind: 'registered' /** The storefront's customer id, as text. */; id: string }
  /** A guest order's shopper. The email can be absent on orders made in the admin; such an order cannot be matched. */
  | { kind: 'guest'; email?: string };

export interface Customer {
  ref: CustomerRef;
  email?: string;
  firstName?: string;
  lastName?: string;
  company?: string;
  phone?: string;
  billingAddress?: Address;
  shippingAddress?: Address;
  /** Present on customer deliveries; an order only carries the shopper as of that order. */
  createdAtGmt?: UtcTimestamp;
  modifiedAtGmt?: UtcTimestamp;
}

export const isGuest = (ref: CustomerRef): ref is { kind: 'guest'; email?: string } => ref.kind === 'guest';
