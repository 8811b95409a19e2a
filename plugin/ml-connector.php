<?php
/**
 * Plugin Name:          ml-connector for NetSuite
 * Description:          Sends WooCommerce orders, refunds and customers to Oracle NetSuite through the ml-connector sidecar, and lets merchants fix what is stuck without leaving wp-admin.
 * Version:              0.1.0
 * Requires at least:    6.1
 * Requires PHP:         8.1
 * Requires Plugins:     woocommerce
 * WC requires at least: 9.0
 * WC tested up to:      11.0
 * Author:               ml-connector
 * License:              GPL-2.0-or-later
 * License URI:          https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:          ml-connector
 * Domain Path:          /languages
 *
 * @package ML_Connector
 */

defined( 'ABSPATH' ) || exit;

define( 'ML_CONNECTOR_VERSION', '0.1.0' );
define( 'ML_CONNECTOR_FILE', __FILE__ );
define( 'ML_CONNECTOR_DIR', plugin_dir_path( __FILE__ ) );

/*
 * Classes live in includes/, one per file, named after WordPress's convention:
 * ML_Connector\Sidecar_Client is includes/class-sidecar-client.php.
 */
spl_autoload_register(
	static function ( $class_name ) {
		$prefix = 'ML_Connector\\';
		if ( 0 !== strpos( $class_name, $prefix ) ) {
			return;
		}
		$file = ML_CONNECTOR_DIR . 'includes/class-' . str_replace( '_', '-', strtolower( substr( $class_name, strlen( $prefix ) ) ) ) . '.php';
		if ( is_readable( $file ) ) {
			require_once $file;
		}
	}
);

// WooCommerce reads this while it boots: the plugin works with High-Performance Order Storage (it never reads orders itself).
add_action(
	'before_woocommerce_init',
	static function () {
		if ( class_exists( \Automattic\WooCommerce\Utilities\FeaturesUtil::class ) ) {
			\Automattic\WooCommerce\Utilities\FeaturesUtil::declare_compatibility( 'custom_order_tables', __FILE__, true );
		}
	}
);

register_activation_hook( __FILE__, array( ML_Connector\Plugin::class, 'activate' ) );
register_deactivation_hook( __FILE__, array( ML_Connector\Plugin::class, 'deactivate' ) );

add_action( 'plugins_loaded', array( ML_Connector\Plugin::class, 'init' ) );
