<?php
/**
 * The WooCommerce REST API key the sidecar reads the store with.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Creates and deletes one row of `{prefix}woocommerce_api_keys`.
 *
 * WooCommerce has no public function that creates a REST API key. This does what WooCommerce's own key screen does
 * (`WC_AJAX::update_api_key()`, WooCommerce → Settings → Advanced → REST API): a `ck_`/`cs_` pair from
 * `wc_rand_hash()`, the consumer key stored hashed by `wc_api_hash()` with its last 7 characters as `truncated_key`,
 * the secret stored as is. The key then shows on that screen like any other and can be revoked there.
 */
final class WooCommerce_Api_Key {

	/**
	 * Creates a read/write key for a user.
	 *
	 * @param int $user_id The user the sidecar's REST calls act as (needs manage_woocommerce).
	 * @return array{key_id: int, consumer_key: string, consumer_secret: string}|WP_Error The only moment the
	 *         consumer key is known in clear: hand it to the sidecar and forget it.
	 */
	public static function create( $user_id ) {
		global $wpdb;

		if ( ! function_exists( 'wc_rand_hash' ) || ! function_exists( 'wc_api_hash' ) ) {
			return new WP_Error( 'ml_connector_no_woocommerce', __( 'WooCommerce is not active, so no REST API key can be made.', 'ml-connector' ) );
		}
		$consumer_key    = 'ck_' . wc_rand_hash();
		$consumer_secret = 'cs_' . wc_rand_hash();

		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery -- no WooCommerce API exists for this, see the class comment.
		$inserted = $wpdb->insert(
			$wpdb->prefix . 'woocommerce_api_keys',
			array(
				'user_id'         => (int) $user_id,
				/* translators: %s: date and time the key was made. */
				'description'     => sprintf( __( 'ml-connector sidecar (%s)', 'ml-connector' ), gmdate( 'Y-m-d H:i' ) ),
				'permissions'     => 'read_write',
				'consumer_key'    => wc_api_hash( $consumer_key ),
				'consumer_secret' => $consumer_secret,
				'truncated_key'   => substr( $consumer_key, -7 ),
			),
			array( '%d', '%s', '%s', '%s', '%s', '%s' )
		);
		if ( ! $inserted ) {
			return new WP_Error( 'ml_connector_key_not_created', __( 'WooCommerce’s REST API key could not be saved in the database.', 'ml-connector' ) );
		}

		return array(
			'key_id'          => (int) $wpdb->insert_id,
			'consumer_key'    => $consumer_key,
			'consumer_secret' => $consumer_secret,
		);
	}

	/**
	 * Revokes a key, as the key screen's "Revoke" does.
	 *
	 * @param int $key_id The key row's id.
	 */
	public static function delete( $key_id ) {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery,WordPress.DB.DirectDatabaseQuery.NoCaching -- see the class comment.
		$wpdb->delete( $wpdb->prefix . 'woocommerce_api_keys', array( 'key_id' => (int) $key_id ), array( '%d' ) );
	}
}
