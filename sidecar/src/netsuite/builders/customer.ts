/** Customer upsert bodies (spec §3.12 customer): a person or a company, with its default addresses. */
import { z } from 'zod';
import { type AddressBody, AddressSchema, addressBody, sameAddress } from './address.ts';
import { attempt, BuildError, type Built } from './errors.ts';
import {
  type CustomValue,
  customFieldsSchema,
  defined,
  ExternalIdSchema,
  InternalIdSchema,
  optionalRef,
  type RecordRef,
  type Sublist,
} from './references.ts';

const CustomerInputSchema = z.object({
  externalId: ExternalIdSchema,
  kind: z.enum(['person', 'company']),
  firstName: z.string().max(32).optional(),
  lastName: z.string().max(32).optional(),
  companyName: z.string().max(83).optional(),
  email: z.email().optional(),
  phone: z.string().max(32).optional(),
  /** Whether the NetSuite account is OneWorld: then the subsidiary is required, else it must not be sent (spec §7). */
  oneWorld: z.boolean(),
  subsidiary: InternalIdSchema.optional(),
  currency: InternalIdSchema.optional(),
  billingAddress: AddressSchema.optional(),
  shippingAddress: AddressSchema.optional(),
  customFields: customFieldsSchema('custentity').optional(),
});

export type CustomerInput = z.input<typeof CustomerInputSchema>;

export type AddressBookLine = {
  label: string;
  defaultBilling: boolean;
  defaultShipping: boolean;
  addressBookAddress: AddressBody;
};

export type CustomerBody = {
  isPerson: boolean;
  firstName?: string;
  lastName?: string;
  companyName?: string;
  email?: string;
  phone?: string;
  subsidiary?: RecordRef;
  currency?: RecordRef;
  addressBook?: Sublist<AddressBookLine>;
  [customField: `custentity${string}`]: CustomValue;
};

/**
 * The address book is keyed by an `id` NetSuite assigns, which the storefront does not know: without
 * `replace=addressBook` every upsert would append the addresses again (spec §3.7). With it the sent lines become
 * the whole address book.
 */
export const CUSTOMER_WRITE_OPTIONS = { replace: ['addressBook'] } as const;

export type CustomerUpsert = {
  type: 'customer';
  externalId: string;
  body: CustomerBody;
  /** Pass to `client.upsert`: the query option the body needs. */
  options: typeof CUSTOMER_WRITE_OPTIONS;
};

/** `client.upsert('customer', externalId, body, options)`: spec §3.12 says the upsert body carries no externalId. */
export function buildCustomer(input: CustomerInput): Built<CustomerUpsert> {
  return attempt(() => {
    const customer = CustomerInputSchema.parse(input);
    if (customer.oneWorld && customer.subsidiary === undefined) {
      throw new BuildError('MISSING_FIELD', 'A OneWorld account needs the customer’s subsidiary.');
    }
    if (!customer.oneWorld && customer.subsidiary !== undefined) {
      throw new BuildError('INVALID_INPUT', 'An account without OneWorld has no subsidiary field.');
    }
    const lines = addressBookLines(customer);
    const body: CustomerBody = {
      ...nameFields(customer),
      ...defined({
        email: customer.email,
        phone: customer.phone,
        subsidiary: optionalRef(customer.subsidiary),
        currency: optionalRef(customer.currency),
      }),
      // No address from the storefront leaves the address book to NetSuite's users rather than emptying it.
      ...(lines.length > 0 ? { addressBook: { items: lines } } : {}),
      ...customer.customFields,
    };
    return { type: 'customer', externalId: customer.externalId, body, options: CUSTOMER_WRITE_OPTIONS };
  });
}

type Customer = z.output<typeof CustomerInputSchema>;

function nameFields(customer: Customer): Pick<CustomerBody, 'isPerson' | 'firstName' | 'lastName' | 'companyName'> {
  if (customer.kind === 'company') {
    if (!customer.companyName) throw new BuildError('MISSING_FIELD', 'A company customer needs a company name.');
    return { isPerson: false, companyName: customer.companyName };
  }
  if (!customer.firstName || !customer.lastName) {
    throw new BuildError('MISSING_FIELD', 'A person customer needs a first and a last name.');
  }
  return {
    isPerson: true,
    firstName: customer.firstName,
    lastName: customer.lastName,
    ...defined({ companyName: customer.companyName }),
  };
}

/** One line when billing and shipping are the same address, so NetSuite does not list it twice. */
function addressBookLines(customer: Customer): AddressBookLine[] {
  const { billingAddress: billing, shippingAddress: shipping } = customer;
  if (billing && shipping && sameAddress(billing, shipping)) return [line('Default', billing, true, true)];
  return [
    ...(billing ? [line('Billing', billing, true, !shipping)] : []),
    ...(shipping ? [line('Shipping', shipping, !billing, true)] : []),
  ];
}

const line = (
  label: string,
  address: z.output<typeof AddressSchema>,
  defaultBilling: boolean,
  defaultShipping: boolean,
): AddressBookLine => ({ label, defaultBilling, defaultShipping, addressBookAddress: addressBody(address) });
