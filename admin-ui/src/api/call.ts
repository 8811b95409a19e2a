import apiFetch from '@wordpress/api-fetch';
import { routePath, toApiError } from './client.ts';

/**
 * Calls a plugin route with any method (client.ts's `request` stops at PUT); rejects with an ApiError. A 204 resolves
 * to null. api-fetch sends DELETE and PATCH as POST with X-HTTP-Method-Override, which WordPress honours.
 */
export async function call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', route: string, data?: unknown): Promise<T> {
  try {
    return await apiFetch<T>({ path: routePath(route), method, data });
  } catch (reason) {
    throw toApiError(reason);
  }
}
