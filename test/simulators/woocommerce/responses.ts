/** How the simulated WordPress answers: `wp_json_encode`d bodies, WooCommerce's error shape. */
import type { Context } from 'hono';
import { phpJsonEncode } from './php.ts';
import { WooSimError } from './store.ts';

export const JSON_TYPE = 'application/json; charset=UTF-8';

export function answer(c: Context, status: number, value: unknown, headers: Record<string, string> = {}): Response {
  return c.body(phpJsonEncode(value), status as 200, { 'Content-Type': JSON_TYPE, ...headers });
}

/** `{code, message, data: {status, …}}`; a WooCommerce error whose data is a bare number keeps it (and is a 500). */
export function answerError(c: Context, error: WooSimError): Response {
  const data = typeof error.data === 'number' ? error.data : { status: error.status, ...error.data };
  return answer(c, error.status, { code: error.code, message: error.message, data });
}

export function asWooError(error: unknown): WooSimError {
  if (error instanceof WooSimError) return error;
  console.error('WooCommerce simulator: unexpected error', error);
  return new WooSimError(500, 'internal_server_error', 'There has been a critical error on this website.');
}
