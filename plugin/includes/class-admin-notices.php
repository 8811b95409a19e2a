<?php
/**
 * Admin notices: WooCommerce missing, the sidecar unreachable, webhooks disabled, open alerts.
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

	/** Transient holding the open alerts' count for ALERTS_TTL seconds (default 300), like the health check. */
	const ALERTS_TRANSIENT = 'ml_connector_open_alerts';
	const ALERTS_TTL       = 300;

	/** Open alerts counted at most (the API's largest page); more shows as "200+". */
	const ALERTS_PAGE = 200;

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
		} elseif ( current_user_can( 'manage_woocommerce' ) ) {
			self::open_alerts_notice();
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

	/** "N open alerts — see WooCommerce → NetSuite", with a link there, when the sidecar has open alerts. */
	private static function open_alerts_notice() {
		$open = self::open_alerts();
		if ( $open['count'] < 1 ) {
			return;
		}
		$count = $open['more'] ? self::ALERTS_PAGE . '+' : number_format_i18n( $open['count'] );
		printf(
			'<div class="notice notice-warning"><p>%1$s <a href="%2$s">%3$s</a></p></div>',
			esc_html(
				sprintf(
					/* translators: %s: number of open alerts, such as 3 or 200+. */
					_n( '%s open alert — see WooCommerce → NetSuite.', '%s open alerts — see WooCommerce → NetSuite.', $open['more'] ? self::ALERTS_PAGE : $open['count'], 'ml-connector' ),
					$count
				)
			),
			esc_url( admin_url( 'admin.php?page=ml-connector' ) ),
			esc_html__( 'Open', 'ml-connector' )
		);
	}

	/**
	 * How many alerts are open on the sidecar, reused for ALERTS_TTL seconds; a failed look counts none (the health
	 * notice already says when the sidecar is unreachable).
	 *
	 * @return array{count: int, more: bool}
	 */
	private static function open_alerts() {
		$cached = get_transient( self::ALERTS_TRANSIENT );
		if ( is_array( $cached ) && isset( $cached['count'], $cached['more'] ) ) {
			return array(
				'count' => (int) $cached['count'],
				'more'  => (bool) $cached['more'],
			);
		}
		$response = Sidecar_Client::request(
			'GET',
			'/alerts',
			array(
				'acknowledged' => 'false',
				'limit'        => self::ALERTS_PAGE,
			)
		);
		$open     = array(
			'count' => 0,
			'more'  => false,
		);
		if ( null === Sidecar_Client::error_of( $response ) && is_array( $response['body'] ) && is_array( $response['body']['items'] ?? null ) ) {
			$open = array(
				'count' => count( $response['body']['items'] ),
				'more'  => ! empty( $response['body']['nextCursor'] ),
			);
		}
		set_transient( self::ALERTS_TRANSIENT, $open, self::ALERTS_TTL );
		return $open;
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
