<?php
/**
 * Wires the plugin's parts to WordPress.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

defined( 'ABSPATH' ) || exit;

/**
 * Every hook the plugin adds is added here, so a reader sees the whole plugin from one place.
 */
final class Plugin {

	/** Runs on plugins_loaded. */
	public static function init() {
		load_plugin_textdomain( 'ml-connector', false, dirname( plugin_basename( ML_CONNECTOR_FILE ) ) . '/languages' );

		Sidecar_Reach::register();
		add_action(
			'rest_api_init',
			static function () {
				Rest_Proxy::register_routes();
				Rest_Store_Routes::register_routes();
			}
		);

		if ( is_admin() ) {
			Admin_Page::register();
			Admin_Notices::register();
			Dashboard_Widget::register();
		}
	}

	/** Activation: nothing to create; pairing happens on the settings screen. */
	public static function activate() {
		delete_transient( Options::HEALTH_TRANSIENT );
	}

	/**
	 * Deactivation keeps the pairing and the store connection (deactivating is often for a moment); deleting the
	 * plugin disconnects and removes them (uninstall.php).
	 */
	public static function deactivate() {
		delete_transient( Options::HEALTH_TRANSIENT );
	}
}
