<?php
/**
 * "Connect in one click" and Disconnect: the WooCommerce key, the sidecar's connection and the webhooks, together.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Connect, in this order: a read/write WooCommerce REST API key for the sidecar; the connection registered with the
 * sidecar (`POST /api/v1/connections` with that key, a fresh webhook secret and the store URL), which answers its
 * webhookUrl; then one WooCommerce webhook per topic with that secret and URL. Nobody copies a secret by hand.
 *
 * Each step's result is saved as soon as it exists, so a Connect that stops half way is undone (here, or later by
 * Disconnect) instead of leaving a key or webhooks nobody knows about.
 */
final class Store_Connection {

	/**
	 * Connects the store.
	 *
	 * @param array{netsuite_account_id: string, master_location_id: string, name?: string} $input What the
	 *        sidecar needs that the plugin cannot know: which NetSuite account, and the location that fulfils orders.
	 * @return array|WP_Error The saved connection state.
	 */
	public static function connect( array $input ) {
		if ( ! Options::is_paired() ) {
			return new WP_Error( 'ml_connector_not_paired', __( 'Pair with the sidecar first.', 'ml-connector' ), array( 'status' => 409 ) );
		}
		if ( ! empty( Options::connection() ) ) {
			return new WP_Error( 'ml_connector_connected', __( 'This store is already connected. Disconnect it first to connect again.', 'ml-connector' ), array( 'status' => 409 ) );
		}
		if ( ! class_exists( 'WC_Webhook' ) ) {
			return new WP_Error( 'ml_connector_no_woocommerce', __( 'WooCommerce must be active to connect the store.', 'ml-connector' ), array( 'status' => 409 ) );
		}
		$account  = sanitize_text_field( $input['netsuite_account_id'] ?? '' );
		$location = sanitize_text_field( $input['master_location_id'] ?? '' );
		$name     = sanitize_text_field( $input['name'] ?? '' );
		if ( '' === $account || ! preg_match( '/^[0-9]+$/', $location ) ) {
			return new WP_Error( 'ml_connector_bad_input', __( 'Choose the NetSuite account and enter the internal id (digits) of the NetSuite location that fulfils orders.', 'ml-connector' ), array( 'status' => 400 ) );
		}

		$user_id = get_current_user_id();
		$key     = WooCommerce_Api_Key::create( $user_id );
		if ( is_wp_error( $key ) ) {
			return $key;
		}
		$state = array( 'api_key_id' => $key['key_id'] );
		Options::save_connection( $state );

		$secret   = wp_generate_password( 40, false );
		$response = Sidecar_Client::request(
			'POST',
			'/connections',
			array(),
			array(
				'platform'          => 'woocommerce',
				'name'              => '' !== $name ? $name : wp_specialchars_decode( get_bloginfo( 'name' ), ENT_QUOTES ),
				'storeUrl'          => home_url(),
				'netsuiteAccountId' => $account,
				'webhookSecret'     => $secret,
				'credentials'       => array(
					'consumerKey'    => $key['consumer_key'],
					'consumerSecret' => $key['consumer_secret'],
				),
				'settings'          => array( 'masterLocationId' => $location ),
			)
		);
		$error    = Sidecar_Client::error_of( $response );
		if ( ! $error && ! empty( $response['body']['id'] ) ) {
			// Kept before the rest of the answer is checked, so a rollback also removes a connection the sidecar made.
			$state['connection_id'] = (string) $response['body']['id'];
			Options::save_connection( $state );
		}
		if ( $error || empty( $state['connection_id'] ) || empty( $response['body']['webhookUrl'] ) ) {
			self::disconnect( true );
			return $error ?? new WP_Error( 'ml_connector_bad_answer', __( 'The sidecar did not answer with a connection id and webhook URL.', 'ml-connector' ), array( 'status' => 502 ) );
		}
		$state['webhook_url']   = esc_url_raw( (string) $response['body']['webhookUrl'], array( 'http', 'https' ) );
		$state['webhook_ids']   = array();
		Options::save_connection( $state );

		// Saved first, so the filters of Sidecar_Reach already let WooCommerce's ping and deliveries through.
		$created = array();
		$made    = WooCommerce_Webhooks::create_all( $state['webhook_url'], $secret, $user_id, $created );
		$state['webhook_ids'] = $created;
		Options::save_connection( $state );
		if ( is_wp_error( $made ) ) {
			self::disconnect( true );
			return $made;
		}

		$state['connected_at'] = gmdate( 'c' );
		Options::save_connection( $state );
		return $state;
	}

	/**
	 * Disconnects the store: its webhooks first (no delivery to a connection being removed), then the sidecar's
	 * connection (`DELETE /api/v1/connections/{id}`; one already gone counts as removed), then the REST API key.
	 *
	 * @param bool $force Also remove the key and forget the connection when the sidecar cannot be told (rolling back
	 *                    a failed Connect, uninstalling). Otherwise a sidecar that cannot be reached stops the
	 *                    disconnect with the key kept, so running it again finishes the job.
	 * @return true|WP_Error
	 */
	public static function disconnect( $force = false ) {
		$state = Options::connection();

		WooCommerce_Webhooks::delete_all( $state['webhook_ids'] ?? array() );
		unset( $state['webhook_ids'] );
		Options::save_connection( $state );

		if ( ! empty( $state['connection_id'] ) ) {
			$response = Sidecar_Client::request( 'DELETE', '/connections/' . rawurlencode( $state['connection_id'] ) );
			$error    = Sidecar_Client::error_of( $response );
			$data     = $error ? $error->get_error_data() : null;
			$gone     = ! $error || ( is_array( $data ) && 404 === ( $data['status'] ?? 0 ) );
			if ( ! $gone && ! $force ) {
				return $error;
			}
			unset( $state['connection_id'], $state['webhook_url'] );
			Options::save_connection( $state );
		}

		if ( ! empty( $state['api_key_id'] ) ) {
			WooCommerce_Api_Key::delete( (int) $state['api_key_id'] );
		}
		Options::save_connection( array() );
		return true;
	}
}
