<?php
/**
 * Pairing: the sidecar's URL and admin token, entered once and checked against the sidecar before they are kept.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Checks and saves the pairing. The check is a real admin API call (`GET /api/v1/connections`), so a saved pairing
 * is one the sidecar accepted: the right service, reachable from WordPress, with the right token.
 */
final class Pairing {

	/**
	 * Checks a URL and token with the sidecar and saves them.
	 *
	 * @param string $raw_url What the administrator typed as the sidecar URL.
	 * @param string $token   The admin token; empty keeps the saved one (changing only the URL).
	 * @return true|WP_Error
	 */
	public static function pair( $raw_url, $token ) {
		$url = Sidecar_Client::normalise_url( $raw_url );
		if ( is_wp_error( $url ) ) {
			return $url;
		}
		$token = trim( (string) $token );
		if ( '' === $token ) {
			$token = Options::admin_token();
		}
		if ( '' === $token || preg_match( '/\s/', $token ) ) {
			return new WP_Error( 'ml_connector_bad_token', __( 'Enter the sidecar’s admin token (MLC_ADMIN_TOKEN, or the admin-token file the sidecar printed at its first start).', 'ml-connector' ) );
		}
		if ( ! empty( Options::connection() ) && Options::sidecar_url() !== $url ) {
			return new WP_Error( 'ml_connector_connected', __( 'This store is connected to the sidecar it is paired with. Disconnect first, then pair with another sidecar.', 'ml-connector' ) );
		}

		$checked = self::check( $url, $token );
		if ( is_wp_error( $checked ) ) {
			return $checked;
		}
		Options::save_pairing( $url, $token );
		return true;
	}

	/**
	 * Calls the sidecar with a URL and token and says what is wrong, in words an administrator can act on.
	 *
	 * @param string $url   Normalised base URL.
	 * @param string $token Admin token.
	 * @return true|WP_Error
	 */
	public static function check( $url, $token ) {
		$response = Sidecar_Client::request( 'GET', '/connections', array(), null, compact( 'url', 'token' ) );
		if ( is_wp_error( $response ) ) {
			return $response;
		}
		if ( 401 === $response['status'] ) {
			return new WP_Error( 'ml_connector_token_refused', __( 'The sidecar refused this admin token. Copy it again from where the sidecar was deployed.', 'ml-connector' ) );
		}
		if ( 200 !== $response['status'] || ! is_array( $response['body'] ) || ! isset( $response['body']['items'] ) ) {
			return new WP_Error(
				'ml_connector_not_a_sidecar',
				/* translators: 1: URL, 2: HTTP status code. */
				sprintf( __( 'No ml-connector sidecar answers at %1$s (HTTP %2$d from /api/v1/connections). Check the address and port.', 'ml-connector' ), $url, $response['status'] )
			);
		}
		return true;
	}

	/**
	 * Forgets the pairing; refused while the store is connected (Disconnect needs the sidecar).
	 *
	 * @return true|WP_Error
	 */
	public static function unpair() {
		if ( ! empty( Options::connection() ) ) {
			return new WP_Error( 'ml_connector_connected', __( 'Disconnect the store first: the sidecar must be told.', 'ml-connector' ) );
		}
		Options::forget_pairing();
		return true;
	}
}
