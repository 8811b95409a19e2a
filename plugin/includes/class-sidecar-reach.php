<?php
/**
 * Lets WooCommerce's webhook deliveries reach the sidecar, and nothing else.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

defined( 'ABSPATH' ) || exit;

/**
 * WooCommerce delivers webhooks with wp_safe_remote_request(), which refuses loopback and private addresses and any
 * explicit port but 80, 443 and 8080: exactly where a sidecar beside WordPress runs (same host, or a compose
 * network). Without these two filters no delivery ever leaves.
 *
 * They widen WordPress's rule for the sidecar's own host and port only: the host of the paired sidecar URL and of the
 * webhook URL the sidecar answered at Connect (the same unless MLC_PUBLIC_URL names another address for it). Every
 * other URL gets WordPress's default answer, so the safe HTTP API keeps protecting everything else.
 */
final class Sidecar_Reach {

	/** Hooks the filters. */
	public static function register() {
		add_filter( 'http_request_host_is_external', array( self::class, 'host_is_external' ), 10, 3 );
		add_filter( 'http_allowed_safe_ports', array( self::class, 'allowed_ports' ), 10, 2 );
	}

	/**
	 * `http_request_host_is_external`: true for a URL on the sidecar's host and port, the given answer for any other.
	 * The port counts here too: a host made "external" passes on 80, 443 and 8080 whatever http_allowed_safe_ports
	 * says, and on the sidecar's host those may be WordPress itself or another service.
	 *
	 * @param bool   $external What WordPress or an earlier filter decided.
	 * @param string $host     The host of the URL being checked.
	 * @param string $url      The URL being checked.
	 * @return bool
	 */
	public static function host_is_external( $external, $host, $url = '' ) {
		$ports = self::origins()[ strtolower( (string) $host ) ] ?? array();
		$parts = wp_parse_url( (string) $url );
		if ( empty( $ports ) || ! is_array( $parts ) ) {
			return $external;
		}
		$port = isset( $parts['port'] ) ? (int) $parts['port'] : ( 'https' === strtolower( $parts['scheme'] ?? '' ) ? 443 : 80 );
		return in_array( $port, $ports, true ) ? true : $external;
	}

	/**
	 * `http_allowed_safe_ports`: adds the sidecar's port, only when the URL's host is the sidecar's.
	 *
	 * @param int[]  $ports Ports WordPress allows (80, 443, 8080).
	 * @param string $host  The host of the URL being checked.
	 * @return int[]
	 */
	public static function allowed_ports( $ports, $host ) {
		$origins = self::origins();
		$host    = strtolower( (string) $host );
		if ( isset( $origins[ $host ] ) ) {
			$ports = array_values( array_unique( array_merge( (array) $ports, $origins[ $host ] ) ) );
		}
		return $ports;
	}

	/**
	 * Host → ports of the sidecar, from the paired URL and the stored webhook URL.
	 *
	 * @return array<string, int[]>
	 */
	private static function origins() {
		$connection = Options::connection();
		$origins    = array();
		foreach ( array( Options::sidecar_url(), $connection['webhook_url'] ?? '' ) as $url ) {
			$parts = '' === $url ? false : wp_parse_url( $url );
			if ( ! is_array( $parts ) || empty( $parts['host'] ) ) {
				continue;
			}
			$host = strtolower( $parts['host'] );
			$port = isset( $parts['port'] ) ? (int) $parts['port'] : ( 'https' === ( $parts['scheme'] ?? '' ) ? 443 : 80 );

			$origins[ $host ]   = $origins[ $host ] ?? array();
			$origins[ $host ][] = $port;
		}
		return $origins;
	}
}
