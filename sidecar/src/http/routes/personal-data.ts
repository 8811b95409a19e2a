import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ErasureRequestError, erasePersonalData } from '../../personal-data/erase.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { errorResponses, json, jsonBody, security } from '../schemas.ts';

const EraseRequestSchema = z
  .object({
    email: z.email().optional().openapi({ description: 'Everything naming this email, case-insensitive.' }),
    connectionId: z.uuid().optional().openapi({ description: 'Only this store; required with customerId.' }),
    customerId: z
      .string()
      .regex(/^[1-9]\d*$/, 'a storefront customer id (a positive whole number)')
      .optional()
      .openapi({ description: "The storefront's customer id: their customer deliveries and the orders they placed." }),
  })
  .openapi('ErasureRequest', { example: { email: 'ada@example.test' } });

const ErasureCountsSchema = z
  .object({
    deliveries: z.number().int().openapi({ description: 'Stored delivery bodies rewritten' }),
    auditEvents: z.number().int().openapi({ description: 'Audit events whose message or details were rewritten' }),
    jobs: z.number().int().openapi({ description: 'Jobs whose payload or last error was rewritten' }),
  })
  .openapi('ErasureCounts');

const erase = createRoute({
  method: 'post',
  path: '/personal-data/erase',
  tags: ['Personal data'],
  summary: "Erase a person's data from the stored deliveries, audit trail and jobs (NetSuite keeps its records)",
  description:
    'Personal fields (names, addresses, email, phone, customer note, IP, user agent) become "[erased]"; ids, money, ' +
    'SKUs and statuses stay, so the accounting trail still reads. Idempotent: a repeat counts nothing. The erasure is ' +
    'audited with the email as a SHA-256 hash.',
  security,
  request: jsonBody(EraseRequestSchema),
  responses: {
    200: json(ErasureCountsSchema, 'What was rewritten'),
    ...errorResponses,
  },
});

export function registerPersonalDataRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { db, audit } = deps;

  app.openapi(erase, async (c) => {
    const request = c.req.valid('json');
    try {
      const counts = await erasePersonalData(db, audit, { ...request, requestedBy: 'admin API' });
      return c.json(counts, 200);
    } catch (error) {
      if (error instanceof ErasureRequestError) throw new ApiError(400, error.code, error.message);
      throw error;
    }
  });
}
