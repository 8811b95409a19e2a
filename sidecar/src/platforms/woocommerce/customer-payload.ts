/** The REST v3 customer (`GET /wc/v3/customers/{id}`) as customer.* webhooks deliver it (spec §1.6). */
import { z } from 'zod';
import { WooAddress, WooGmtDate, WooId } from './wire.ts';

export const WooCustomerPayload = z.looseObject({
  id: WooId.positive(),
  date_created_gmt: WooGmtDate.nullish(),
  date_modified_gmt: WooGmtDate.nullish(),
  email: z.string(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  username: z.string().nullish(),
  billing: WooAddress.nullish(),
  shipping: WooAddress.nullish(),
});

export type WooCustomer = z.output<typeof WooCustomerPayload>;
