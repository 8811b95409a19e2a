<?php
/**
 * The plugin's own REST routes: pairing, Connect, Disconnect and webhook health, for the admin UI.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

use WP_Error;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * Routes answered by WordPress itself (they act on WooCommerce, not only on the sidecar):
 * `GET|POST|DELETE /pairing`, `GET /store`, `POST /store/connect`, `POST /store/disconnect`,
 * `POST /store/webhooks/{id}/activate`.
 */
final class Rest_Store_Routes {

	/** Registers the routes. */
	public static function register_routes() {
		$routes = array(
			'/pairing'                                => array(
				'GET'    => 'get_pairing',
				'POST'   => 'post_pairing',
				'DELETE' => 'delete_pairing',
			),
			'/store'                                  => array( 'GET' => 'get_store' ),
			'/store/connect'                          => array( 'POST' => 'connect' ),
			'/store/disconnect'                       => array( 'POST' => 'disconnect' ),
			'/store/webhooks/(?P<id>[0-9]{1,20})/activate' => array( 'POST' => 'activate_webhook' ),
		);
		foreach ( $routes as $route => $handlers ) {
			$endpoints = array();
			foreach ( $handlers as $method => $handler ) {
				$endpoints[] = array(
					'methods'             => $method,
					'permission_callback' => array( Rest_Access::class, 'check' ),
					'callback'            => array( self::class, $handler ),
				);
			}
			register_rest_route( Rest_Access::NAMESPACE, $route, $endpoints );
		}
	}

	/**
	 * The pairing as the browser may see it: the URL, and only whether a token is saved.
	 *
	 * @return WP_REST_Response
	 */
	public static function get_pairing() {
		return new WP_REST_Response(
			array(
				'sidecarUrl' => Options::sidecar_url(),
				'paired'     => Options::is_paired(),
			)
		);
	}

	/**
	 * Checks and saves `{ sidecarUrl, adminToken }` (an empty adminToken keeps the saved one).
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response
	 */
	public static function post_pairing( WP_REST_Request $request ) {
		$result = Pairing::pair( (string) $request->get_param( 'sidecarUrl' ), (string) $request->get_param( 'adminToken' ) );
		return is_wp_error( $result ) ? Rest_Access::error_response( $result, 400 ) : self::get_pairing();
	}

	/**
	 * Forgets the pairing.
	 *
	 * @return WP_REST_Response
	 */
	public static function delete_pairing() {
		$result = Pairing::unpair();
		return is_wp_error( $result ) ? Rest_Access::error_response( $result, 409 ) : self::get_pairing();
	}

	/**
	 * The store connection and each webhook's health.
	 *
	 * @return WP_REST_Response
	 */
	public static function get_store() {
		$state = Options::connection();
		return new WP_REST_Response(
			array(
				'connected'    => ! empty( $state['connected_at'] ),
				'connectionId' => $state['connection_id'] ?? null,
				'webhookUrl'   => $state['webhook_url'] ?? null,
				'connectedAt'  => $state['connected_at'] ?? null,
				'incomplete'   => ! empty( $state ) && empty( $state['connected_at'] ),
				'webhooks'     => WooCommerce_Webhooks::health( $state['webhook_ids'] ?? array() ),
			)
		);
	}

	/**
	 * Connect in one click: `{ netsuiteAccountId, masterLocationId, name? }`.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response
	 */
	public static function connect( WP_REST_Request $request ) {
		$result = Store_Connection::connect(
			array(
				'netsuite_account_id' => (string) $request->get_param( 'netsuiteAccountId' ),
				'master_location_id'  => (string) $request->get_param( 'masterLocationId' ),
				'name'                => (string) $request->get_param( 'name' ),
			)
		);
		return is_wp_error( $result ) ? Rest_Access::error_response( $result, 502 ) : self::get_store();
	}

	/**
	 * Disconnect: webhooks, the sidecar's connection, the API key.
	 *
	 * @return WP_REST_Response
	 */
	public static function disconnect() {
		$result = Store_Connection::disconnect();
		return is_wp_error( $result ) ? Rest_Access::error_response( $result, 502 ) : self::get_store();
	}

	/**
	 * Re-enables a webhook WooCommerce disabled after failed deliveries.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response
	 */
	public static function activate_webhook( WP_REST_Request $request ) {
		$state  = Options::connection();
		$result = WooCommerce_Webhooks::activate( (int) $request['id'], $state['webhook_ids'] ?? array() );
		return is_wp_error( $result ) ? Rest_Access::error_response( $result, 404 ) : self::get_store();
	}
}
