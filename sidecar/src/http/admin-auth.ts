import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errorBody } from './errors.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** `Authorization: Bearer <MLC_ADMIN_TOKEN>`, compared in constant time (over digests, so lengths leak nothing). */
export function requireAdminToken(adminToken: string): MiddlewareHandler {
  const expected = digest(adminToken);
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="ml-connector"');
      return c.json(errorBody('UNAUTHORIZED', 'Send the sidecar admin token as "Authorization: Bearer <token>".'), 401);
    }
    await next();
  };
}
