/**
 * A postal address as a storefront gives it. Every field is optional because storefronts send empty strings for
 * what the shopper left out; adapters drop those, and drop the whole address when nothing is left.
 */
export interface Address {
  firstName?: string;
  lastName?: string;
  company?: string;
  line1?: string;
  line2?: string;
  city?: string;
  /** State or province code as the storefront sends it ("CA", "NY"). */
  state?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2 ("US"). */
  country?: string;
  phone?: string;
}

/** The address with blank fields removed, or undefined when every field was blank. */
export function compactAddress(address: Address): Address | undefined {
  const kept = Object.entries(address).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].trim() !== '',
  );
  return kept.length === 0 ? undefined : (Object.fromEntries(kept) as Address);
}

/** "Ada Lovelace", or undefined when neither name is given: NetSuite's addressee. */
export function fullName(address: Pick<Address, 'firstName' | 'lastName'>): string | undefined {
  const name = [address.firstName, address.lastName].filter(Boolean).join(' ');
  return name === '' ? undefined : name;
}
