<?php
/**
 * The HTTP layer under WordPress's real http.php: a stand-in for the WP_Http transport and a scripted sidecar.
 *
 * The real wp_remote_request(), wp_remote_get() and wp_safe_remote_post() call _wp_http_get_object(), which makes
 * this WP_Http. Like WP_Http::request() in WordPress 6.1 it applies `pre_http_request` first, then, for the "safe"
 * functions (`reject_unsafe_urls`), the real wp_http_validate_url() with its two filters, refusing with
 * `http_request_failed` "A valid URL was not provided."; only then does the request reach the network, here
 * Fake_Http, which answers as the sidecar's admin API does and records every request that got through.
 *
 * @package ML_Connector
 */

final class WP_Http {

	public function request( $url, $args = array() ) {
		$args = wp_parse_args(
			$args,
			array(
				'method'             => 'GET',
				'timeout'            => 5,
				'redirection'        => 5,
				'headers'            => array(),
				'body'               => null,
				'reject_unsafe_urls' => false,
			)
		);
		$pre = apply_filters( 'pre_http_request', false, $args, $url );
		if ( false !== $pre ) {
			return $pre;
		}
		if ( $args['reject_unsafe_urls'] && ! wp_http_validate_url( $url ) ) {
			Fake_Http::$refused[] = $url;
			return new WP_Error( 'http_request_failed', __( 'A valid URL was not provided.' ) );
		}
		return Fake_Http::handle( strtoupper( $args['method'] ), $url, $args );
	}

	public function get( $url, $args = array() ) {
		return $this->request( $url, array( 'method' => 'GET' ) + $args );
	}

	public function post( $url, $args = array() ) {
		return $this->request( $url, array( 'method' => 'POST' ) + $args );
	}
}

/**
 * The sidecar at http://127.0.0.1:8787 (admin token Fake_Http::TOKEN), answering as its admin API documents:
 * 401 without the token, `{ items }` for lists, 201 with `id` and `webhookUrl` for a new connection, 204 for a
 * deleted one, 200 to a webhook delivery or ping. A case replaces any answer with answer().
 */
final class Fake_Http {

	const BASE  = 'http://127.0.0.1:8787';
	const TOKEN = 'mlc_admin_9f8e7d6c5b4a39281706f5e4d3c2b1a0';

	/** @var array<int, array{method: string, url: string, args: array}> Requests that reached the network. */
	public static $requests = array();

	/** @var string[] URLs the safe HTTP API refused before sending. */
	public static $refused = array();

	/** @var array<string, array|WP_Error> "METHOD /path" → [status, body] or a transport error. */
	private static $answers = array();

	public static function reset() {
		self::$requests = array();
		self::$refused  = array();
		self::$answers  = array();
	}

	/**
	 * Scripts one answer.
	 *
	 * @param string         $route  "METHOD /path", such as "POST /api/v1/connections".
	 * @param array|WP_Error $answer [status, body array or null], or the transport's error.
	 */
	public static function answer( $route, $answer ) {
		self::$answers[ $route ] = $answer;
	}

	/** Requests to one "METHOD /path". */
	public static function sent( $route ) {
		return array_values(
			array_filter(
				self::$requests,
				static function ( $request ) use ( $route ) {
					return $route === $request['method'] . ' ' . wp_parse_url( $request['url'], PHP_URL_PATH );
				}
			)
		);
	}

	/** "METHOD /path" of every request, in order. */
	public static function routes() {
		return array_map(
			static function ( $request ) {
				return $request['method'] . ' ' . wp_parse_url( $request['url'], PHP_URL_PATH );
			},
			self::$requests
		);
	}

	public static function handle( $method, $url, array $args ) {
		$parts = wp_parse_url( $url );
		if ( self::BASE !== $parts['scheme'] . '://' . $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' ) ) {
			return new WP_Error( 'http_request_failed', 'cURL error 7: Failed to connect to ' . $parts['host'] );
		}
		self::$requests[] = compact( 'method', 'url', 'args' );
		$route            = $method . ' ' . $parts['path'];
		ml_event( $route );

		if ( isset( self::$answers[ $route ] ) ) {
			$answer = self::$answers[ $route ];
			return is_wp_error( $answer ) ? $answer : self::response( $answer[0], $answer[1] );
		}
		if ( 0 === strpos( $parts['path'], '/api/v1/' ) && ( $args['headers']['Authorization'] ?? '' ) !== 'Bearer ' . self::TOKEN ) {
			return self::response( 401, array( 'error' => array( 'code' => 'UNAUTHORIZED', 'message' => 'Missing or wrong admin token.' ) ) );
		}
		switch ( $route ) {
			case 'GET /healthz':
				return self::response( 200, array( 'status' => 'ok' ) );
			case 'GET /api/v1/connections':
				return self::response( 200, array( 'items' => array() ) );
			case 'GET /api/v1/netsuite-accounts':
				return self::response( 200, array( 'items' => array( array( 'id' => 'acct_1', 'accountId' => 'TSTDRV123' ) ) ) );
			case 'POST /api/v1/connections':
				return self::response(
					201,
					array(
						'id'         => 'conn_7',
						'platform'   => 'woocommerce',
						'webhookUrl' => self::BASE . '/webhooks/woocommerce/conn_7',
					)
				);
			case 'DELETE /api/v1/connections/conn_7':
				return self::response( 204, null );
			case 'POST /webhooks/woocommerce/conn_7':
				return self::response( 200, null );
		}
		return self::response( 404, array( 'error' => array( 'code' => 'NOT_FOUND', 'message' => 'No such route.' ) ) );
	}

	private static function response( $status, $body ) {
		return array(
			'headers'  => array( 'content-type' => 'application/json' ),
			'body'     => null === $body ? '' : json_encode( $body ),
			'response' => array(
				'code'    => $status,
				'message' => '',
			),
			'cookies'  => array(),
			'filename' => null,
		);
	}
}
