import { type Connection, getConnection } from '../connections/connections.ts';
import type { Db } from '../db/client.ts';
import { ApiError } from './errors.ts';

/**
 * The connection a WooCommerce-only route acts on: 404 when there is none, 400 `NOT_WOOCOMMERCE` naming the feature
 * when it is another platform's store.
 */
export async function requireWooCommerceConnection(db: Db, id: string, feature: string): Promise<Connection> {
  const connection = await getConnection(db, id);
  if (!connection) throw new ApiError(404, 'CONNECTION_NOT_FOUND', `No connection has the id ${id}.`);
  if (connection.platform !== 'woocommerce') {
    throw new ApiError(
      400,
      'NOT_WOOCOMMERCE',
      `Connection ${id} is a ${connection.platform} store: ${feature} covers WooCommerce.`,
    );
  }
  return connection;
}
