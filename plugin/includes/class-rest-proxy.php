<?php
/**
 * The REST proxy: /wp-json/ml-connector/v1/… forwarded to the sidecar's /api/v1/… with the admin token.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

use WP_Error;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * Forwards the admin UI's calls to the sidecar: method, query and JSON body go through, the sidecar's status and
 * body (errors included) come back unchanged. The browser never sees the token; it only reaches what the allow-list
 * below names, which is what the admin screens use. The sidecar's secrets endpoints are left out on purpose.
 */
final class Rest_Proxy {

	const ID = '(?P<id>[A-Za-z0-9_-]{1,64})';

	/** Re-enabling one of the connection's WooCommerce webhooks (its WooCommerce id). */
	const WEBHOOK_ACTIVATE = '/webhooks/(?P<webhook_id>[0-9]{1,20})/activate';

	/**
	 * Allow-list: route under both namespaces (WordPress regex) → the methods forwarded.
	 *
	 * @var array<string, string[]>
	 */
	const ROUTES = array(
		'connections'                                              => array( 'GET', 'POST' ),
		'connections/' . self::ID                                  => array( 'GET', 'PATCH', 'DELETE' ),
		'connections/' . self::ID . '/webhook-health'              => array( 'GET' ),
		'connections/' . self::ID . self::WEBHOOK_ACTIVATE         => array( 'POST' ),
		'connections/' . self::ID . '/stock-sync'                  => array( 'GET', 'POST' ),
		'connections/' . self::ID . '/stock-drift'                 => array( 'GET' ),
		'netsuite-accounts'                                        => array( 'GET', 'POST' ),
		'netsuite-accounts/' . self::ID                            => array( 'GET', 'DELETE' ),
		'netsuite-accounts/' . self::ID . '/test'                  => array( 'POST' ),
		'sku-mappings'                                             => array( 'GET' ),
		'sku-mappings/(?P<sku>.+)'                                 => array( 'PUT' ),
		'netsuite/items'                                           => array( 'GET' ),
		'review-queue'                                             => array( 'GET' ),
		'review-queue/' . self::ID . '/release'                    => array( 'POST' ),
		'jobs'                                                     => array( 'GET' ),
		'jobs/' . self::ID                                         => array( 'GET' ),
		'jobs/' . self::ID . '/(?P<action>replay|release|cancel)'  => array( 'POST' ),
		'audit'                                                    => array( 'GET' ),
		'audit/' . self::ID                                        => array( 'GET' ),
		'alerts'                                                   => array( 'GET' ),
		'alerts/' . self::ID . '/ack'                              => array( 'POST' ),
		'alert-channels'                                           => array( 'GET', 'PUT' ),
		'alert-channels/test'                                      => array( 'POST' ),
		'schedules'                                                => array( 'GET' ),
		'schedules/(?P<name>[a-z0-9][a-z0-9-]{0,63})/run'          => array( 'POST' ),
		'exception-report'                                         => array( 'GET' ),
		'exception-report/run'                                     => array( 'POST' ),
		'personal-data/erase'                                      => array( 'POST' ),
		'stats/orders-per-day'                                     => array( 'GET' ),
		'netsuite/health'                                          => array( 'GET' ),
	);

	/** Query parameters WordPress and api-fetch add for themselves; never forwarded. */
	const LOCAL_QUERY = array( '_wpnonce', '_locale', '_envelope', '_method', 'rest_route' );

	/** Registers every allow-listed route. */
	public static function register_routes() {
		foreach ( self::ROUTES as $route => $methods ) {
			register_rest_route(
				Rest_Access::NAMESPACE,
				'/' . $route,
				array(
					'methods'             => $methods,
					'permission_callback' => array( Rest_Access::class, 'check' ),
					'callback'            => static function ( WP_REST_Request $request ) use ( $route ) {
						return self::forward( $route, $request );
					},
				)
			);
		}
	}

	/**
	 * Forwards one request.
	 *
	 * @param string          $route   The allow-list entry that matched.
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response
	 */
	public static function forward( $route, WP_REST_Request $request ) {
		$path   = self::sidecar_path( $route, $request );
		$method = $request->get_method();

		$connection = Options::connection();
		if ( 'DELETE' === $method && ! empty( $connection['connection_id'] ) && '/connections/' . rawurlencode( $connection['connection_id'] ) === $path ) {
			return Rest_Access::error_response( new WP_Error( 'USE_DISCONNECT', __( 'This is the store’s own connection: use Disconnect, which also removes its WooCommerce webhooks and API key.', 'ml-connector' ) ), 409 );
		}

		$query = array_diff_key( $request->get_query_params(), array_flip( self::LOCAL_QUERY ) );
		$body  = null;
		if ( in_array( $method, array( 'POST', 'PUT', 'PATCH' ), true ) ) {
			$json = $request->get_json_params();
			$body = null !== $json ? $request->get_body() : wp_json_encode( (object) $request->get_body_params() );
		}

		$response = Sidecar_Client::request( $method, $path, $query, $body );
		if ( is_wp_error( $response ) ) {
			$status = 'ml_connector_not_paired' === $response->get_error_code() ? 409 : 502;
			return Rest_Access::error_response( $response, $status );
		}
		if ( '' !== $response['raw'] && null === $response['body'] ) {
			return Rest_Access::error_response(
				/* translators: %d: HTTP status code. */
				new WP_Error( 'SIDECAR_BAD_RESPONSE', sprintf( __( 'The sidecar answered HTTP %d with a body that is not JSON.', 'ml-connector' ), $response['status'] ) ),
				502
			);
		}

		$result = new WP_REST_Response( $response['body'], $response['status'] );
		if ( '' !== $response['retry_after'] ) {
			$result->header( 'Retry-After', $response['retry_after'] );
		}
		return $result;
	}

	/**
	 * The sidecar path for a matched route: the route's template with each captured parameter URL-encoded again.
	 *
	 * @param string          $route   Allow-list entry.
	 * @param WP_REST_Request $request The request.
	 * @return string Such as `/jobs/0197…/replay`.
	 */
	private static function sidecar_path( $route, WP_REST_Request $request ) {
		$params = $request->get_url_params();
		return '/' . preg_replace_callback(
			'/\(\?P<(\w+)>[^)]*\)/',
			static function ( $match ) use ( $params ) {
				return rawurlencode( self::decoded( (string) ( $params[ $match[1] ] ?? '' ) ) );
			},
			$route
		);
	}

	/**
	 * A path parameter as the user meant it. WordPress hands it over still percent-encoded under pretty permalinks
	 * (/wp-json/…, matched on the raw REQUEST_URI) but decoded under plain ones (?rest_route=…, decoded by PHP).
	 *
	 * @param string $value Captured parameter.
	 * @return string
	 */
	private static function decoded( $value ) {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only which URL form was used is read.
		return isset( $_GET['rest_route'] ) ? $value : rawurldecode( $value );
	}
}
