<?php
/**
 * Talks to the sidecar's admin API (`/api/v1`) with the admin token.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * One HTTP call to the sidecar per method call. Uses wp_remote_request(), not the "safe" variant: the URL is the one
 * an administrator paired with, and a sidecar beside WordPress lives on exactly the loopback or private address and
 * port the safe variant refuses. Redirects are not followed, so the bearer token never goes anywhere else.
 */
final class Sidecar_Client {

	/** Seconds a call may take by default (filter `ml_connector_sidecar_timeout`): NetSuite item look-ups go live. */
	const DEFAULT_TIMEOUT = 30;

	/**
	 * Cleans what an administrator typed as the sidecar's URL: http(s) only, no query or fragment, no trailing slash,
	 * and a pasted `/api/v1` suffix dropped (the plugin adds it).
	 *
	 * @param string $raw What was typed.
	 * @return string|WP_Error The base URL, or why it is not one.
	 */
	public static function normalise_url( $raw ) {
		$url   = esc_url_raw( trim( (string) $raw ), array( 'http', 'https' ) );
		$parts = '' === $url ? false : wp_parse_url( $url );
		if ( ! is_array( $parts ) || empty( $parts['host'] ) || isset( $parts['query'] ) || isset( $parts['fragment'] ) ) {
			return new WP_Error(
				'ml_connector_bad_url',
				__( 'Enter the sidecar’s address as an http or https URL, such as http://127.0.0.1:8787.', 'ml-connector' )
			);
		}
		$url = untrailingslashit( strtok( $url, '?#' ) );
		return (string) preg_replace( '#/api/v1$#', '', $url );
	}

	/**
	 * Calls the admin API.
	 *
	 * @param string     $method HTTP method.
	 * @param string     $path   Path under /api/v1, starting with a slash, its segments already URL-encoded.
	 * @param array      $query  Query parameters.
	 * @param mixed|null $body   Sent as JSON when not null.
	 * @param array      $pairing Optional `url` and `token` to use instead of the saved ones (checking a new pairing).
	 * @return array{status: int, body: mixed, raw: string, retry_after: string}|WP_Error Status and decoded JSON body
	 *         (null when empty or not JSON), or the transport error.
	 */
	public static function request( $method, $path, array $query = array(), $body = null, array $pairing = array() ) {
		$base  = $pairing['url'] ?? Options::sidecar_url();
		$token = $pairing['token'] ?? Options::admin_token();
		if ( '' === $base || '' === $token ) {
			return new WP_Error( 'ml_connector_not_paired', __( 'The plugin is not paired with a sidecar yet. Enter its address and admin token under WooCommerce → NetSuite.', 'ml-connector' ) );
		}

		$url = $base . '/api/v1' . $path;
		if ( ! empty( $query ) ) {
			$url .= '?' . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 );
		}
		$args = array(
			'method'      => strtoupper( $method ),
			'timeout'     => (int) apply_filters( 'ml_connector_sidecar_timeout', self::DEFAULT_TIMEOUT, $path ),
			'redirection' => 0,
			'headers'     => array(
				'Authorization' => 'Bearer ' . $token,
				'Accept'        => 'application/json',
			),
		);
		if ( null !== $body ) {
			$args['headers']['Content-Type'] = 'application/json';
			$args['body']                    = is_string( $body ) ? $body : wp_json_encode( $body );
		}

		$response = wp_remote_request( $url, $args );
		if ( is_wp_error( $response ) ) {
			return new WP_Error(
				'ml_connector_sidecar_unreachable',
				/* translators: 1: sidecar URL, 2: the transport's error message. */
				sprintf( __( 'The sidecar at %1$s cannot be reached: %2$s', 'ml-connector' ), $base, $response->get_error_message() )
			);
		}

		$raw = (string) wp_remote_retrieve_body( $response );
		return array(
			'status'      => (int) wp_remote_retrieve_response_code( $response ),
			'body'        => '' === $raw ? null : json_decode( $raw, true ),
			'raw'         => $raw,
			'retry_after' => (string) wp_remote_retrieve_header( $response, 'retry-after' ),
		);
	}

	/**
	 * Turns a sidecar answer other than 2xx into a WP_Error carrying its code and sentence.
	 *
	 * @param array|WP_Error $response What request() returned.
	 * @return WP_Error|null Null for a 2xx answer.
	 */
	public static function error_of( $response ) {
		if ( is_wp_error( $response ) ) {
			return $response;
		}
		if ( $response['status'] >= 200 && $response['status'] < 300 ) {
			return null;
		}
		$error = is_array( $response['body'] ) && isset( $response['body']['error'] ) && is_array( $response['body']['error'] ) ? $response['body']['error'] : array();
		$code  = isset( $error['code'] ) ? (string) $error['code'] : 'HTTP_' . $response['status'];
		$text  = isset( $error['message'] ) ? (string) $error['message'] : sprintf(
			/* translators: %d: HTTP status code. */
			__( 'The sidecar answered HTTP %d.', 'ml-connector' ),
			$response['status']
		);
		return new WP_Error( $code, $text, array( 'status' => $response['status'] ) );
	}

	/**
	 * Whether the sidecar answers /healthz (no token needed): the admin notice's check.
	 *
	 * @return true|WP_Error
	 */
	public static function health() {
		$base     = Options::sidecar_url();
		$response = wp_remote_get(
			$base . '/healthz',
			array(
				'timeout'     => 3,
				'redirection' => 0,
			)
		);
		if ( is_wp_error( $response ) ) {
			return $response;
		}
		$status = (int) wp_remote_retrieve_response_code( $response );
		/* translators: %d: HTTP status code. */
		return 200 === $status ? true : new WP_Error( 'ml_connector_unhealthy', sprintf( __( 'it answered HTTP %d', 'ml-connector' ), $status ) );
	}
}
