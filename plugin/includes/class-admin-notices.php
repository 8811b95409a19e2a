<?php
/**
 * Admin notices: WooCommerce missing, the sidecar unreachable, webhooks disabled.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

defined( 'ABSPATH' ) || exit;

/**
 * Says what is wrong at the top of wp-admin, instead of failing: the plugin loads without WooCommerce and without a
 * sidecar, and tells whoever can fix it.
 */
final class Admin_Notices {

	/** Seconds a sidecar health result is reused (default 300), so wp-admin pages do not each wait on the sidecar. */
	const HEALTH_TTL = 300;

	/** Hooks the notices. */
	public static function register() {
		add_action( 'admin_notices', array( self::class, 'render' ) );
	}

	/** Prints the notices that apply. */
	public static function render() {
		if ( ! current_user_can( 'manage_woocommerce' ) && ! current_user_can( 'activate_plugins' ) ) {
			return;
		}
		if ( ! class_exists( 'WooCommerce' ) ) {
			self::notice( 'error', __( 'ml-connector for NetSuite needs WooCommerce. Install and activate WooCommerce; until then nothing is sent to NetSuite.', 'ml-connector' ) );
			return;
		}
		if ( ! Options::is_paired() ) {
			return;
		}
		$health = self::sidecar_health();
		if ( '' !== $health ) {
			self::notice(
				'error',
				/* translators: 1: sidecar URL, 2: what went wrong. */
				sprintf( __( 'ml-connector cannot reach its sidecar at %1$s (%2$s). Orders are not reaching NetSuite until it answers.', 'ml-connector' ), Options::sidecar_url(), $health )
			);
		}
		$state    = Options::connection();
		$disabled = array_filter(
			WooCommerce_Webhooks::health( $state['webhook_ids'] ?? array() ),
			static function ( $webhook ) {
				return 'active' !== $webhook['status'];
			}
		);
		if ( ! empty( $disabled ) ) {
			self::notice(
				'warning',
				/* translators: %s: comma-separated webhook topics. */
				sprintf( __( 'WooCommerce stopped delivering these events to ml-connector: %s. Re-enable them under WooCommerce → NetSuite.', 'ml-connector' ), implode( ', ', wp_list_pluck( $disabled, 'topic' ) ) )
			);
		}
	}

	/**
	 * '' when the sidecar answered its health check lately, else why not.
	 *
	 * @return string
	 */
	private static function sidecar_health() {
		$cached = get_transient( Options::HEALTH_TRANSIENT );
		if ( is_array( $cached ) ) {
			return (string) $cached['problem'];
		}
		$result  = Sidecar_Client::health();
		$problem = is_wp_error( $result ) ? $result->get_error_message() : '';
		set_transient( Options::HEALTH_TRANSIENT, array( 'problem' => $problem ), self::HEALTH_TTL );
		return $problem;
	}

	/**
	 * Prints one notice.
	 *
	 * @param string $type    error, warning, success or info.
	 * @param string $message Plain text.
	 */
	public static function notice( $type, $message ) {
		printf( '<div class="notice notice-%1$s"><p>%2$s</p></div>', esc_attr( $type ), esc_html( $message ) );
	}
}
