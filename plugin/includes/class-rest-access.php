<?php
/**
 * Who may use the plugin's REST routes, and the one error shape they answer with.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

use WP_Error;
use WP_REST_Request;
use WP_REST_Response;

defined( 'ABSPATH' ) || exit;

/**
 * Every route under /wp-json/ml-connector/v1 needs the `manage_woocommerce` capability and a valid REST nonce
 * (`X-WP-Nonce` or `_wpnonce`, action `wp_rest`). The nonce is required even where WordPress would accept another
 * authentication (application passwords): these routes serve wp-admin's own screens and nothing else, and the
 * nonce is what stops another site from making an administrator's browser call them.
 */
final class Rest_Access {

	const NAMESPACE = 'ml-connector/v1';

	/**
	 * The permission_callback of every route.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return true|WP_Error
	 */
	public static function check( WP_REST_Request $request ) {
		$nonce = $request->get_header( 'X-WP-Nonce' );
		if ( ! $nonce ) {
			$nonce = (string) $request->get_param( '_wpnonce' );
		}
		if ( ! wp_verify_nonce( $nonce, 'wp_rest' ) ) {
			return new WP_Error( 'rest_cookie_invalid_nonce', __( 'Your session has expired. Reload the page and try again.', 'ml-connector' ), array( 'status' => 403 ) );
		}
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			return new WP_Error( 'rest_forbidden', __( 'You are not allowed to manage the NetSuite connection.', 'ml-connector' ), array( 'status' => rest_authorization_required_code() ) );
		}
		return true;
	}

	/**
	 * An error in the sidecar's own shape, `{ error: { code, message } }`, so the admin UI reads one shape whether
	 * the sidecar or the plugin refused.
	 *
	 * @param WP_Error $error          The error.
	 * @param int      $default_status Status when the error carries none.
	 * @return WP_REST_Response
	 */
	public static function error_response( WP_Error $error, $default_status = 500 ) {
		$data   = $error->get_error_data();
		$status = is_array( $data ) && isset( $data['status'] ) ? (int) $data['status'] : $default_status;
		return new WP_REST_Response(
			array(
				'error' => array(
					'code'    => (string) $error->get_error_code(),
					'message' => $error->get_error_message(),
				),
			),
			$status
		);
	}
}
