<?php
/**
 * The WordPress dashboard widget: orders held for unmapped SKUs, each SKU mapped in place.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

defined( 'ABSPATH' ) || exit;

/**
 * Adds the widget for those who manage WooCommerce once the plugin is paired, and loads its small React entry
 * (`build/dashboard-widget.js`) on the dashboard only.
 */
final class Dashboard_Widget {

	const ID = 'ml_connector_held_orders';

	/** Hooks the widget and its script. */
	public static function register() {
		add_action( 'wp_dashboard_setup', array( self::class, 'add' ) );
		add_action( 'admin_enqueue_scripts', array( self::class, 'enqueue' ) );
	}

	/** Whether the widget shows for this user. */
	private static function wanted() {
		return current_user_can( 'manage_woocommerce' ) && Options::is_paired();
	}

	/** Adds the widget. */
	public static function add() {
		if ( self::wanted() ) {
			wp_add_dashboard_widget( self::ID, __( 'NetSuite: orders held for unmapped SKUs', 'ml-connector' ), array( self::class, 'render' ) );
		}
	}

	/** The root the React entry mounts on; without a build, a link to the review queue. */
	public static function render() {
		echo '<div id="ml-connector-dashboard-widget">';
		if ( ! is_readable( ML_CONNECTOR_DIR . 'build/dashboard-widget.asset.php' ) ) {
			echo '<p><a href="' . esc_url( admin_url( 'admin.php?page=' . Admin_Page::SLUG ) ) . '">' . esc_html__( 'Open the NetSuite review queue', 'ml-connector' ) . '</a></p>';
		}
		echo '</div>';
	}

	/**
	 * Loads the widget's script on the dashboard.
	 *
	 * @param string $hook_suffix The screen being loaded.
	 */
	public static function enqueue( $hook_suffix ) {
		if ( 'index.php' !== $hook_suffix || ! self::wanted() ) {
			return;
		}
		Admin_Page::enqueue_entry( 'dashboard-widget' );
	}
}
