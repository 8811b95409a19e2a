/** The address subrecord (spec §3.8) from the connector's canonical address. */
import { z } from 'zod';
import { matching } from './references.ts';

export const AddressSchema = z.object({
  addressee: z.string().max(150).optional(),
  attention: z.string().max(150).optional(),
  addr1: z.string().min(1).max(150),
  addr2: z.string().max(150).optional(),
  city: z.string().min(1).max(50),
  state: z.string().max(30).optional(),
  zip: z.string().max(36).optional(),
  /** ISO 3166-1 alpha-2, as WooCommerce stores it. */
  country: matching(/^[A-Z]{2}$/, 'INVALID_COUNTRY', 'must be a two-letter ISO country code'),
  phone: z.string().max(32).optional(),
});

export type CanonicalAddress = z.input<typeof AddressSchema>;

export type AddressBody = {
  addressee: string;
  attention: string;
  addr1: string;
  addr2: string;
  city: string;
  state: string;
  zip: string;
  country: { id: string };
  addrPhone: string;
};

/**
 * Every field is sent, empty when the address has none: subrecords merge field by field on update (spec §3.8), so
 * an omitted addr2 would keep the old one when a customer moves.
 */
export function addressBody(input: CanonicalAddress): AddressBody {
  const address = AddressSchema.parse(input);
  return {
    addressee: address.addressee ?? '',
    attention: address.attention ?? '',
    addr1: address.addr1,
    addr2: address.addr2 ?? '',
    city: address.city,
    state: address.state ?? '',
    zip: address.zip ?? '',
    country: { id: address.country },
    addrPhone: address.phone ?? '',
  };
}

export const sameAddress = (a: CanonicalAddress, b: CanonicalAddress): boolean =>
  JSON.stringify(addressBody(a)) === JSON.stringify(addressBody(b));
