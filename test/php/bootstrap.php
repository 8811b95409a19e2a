<?php
/**
 * Loads the plugin's WooCommerce-dependent classes beside stand-ins for what WordPress and WooCommerce provide.
 *
 * Real WordPress 6.1 files from Debian's package where they need no database: WP_Error, the hooks API
 * (plugin.php), formatting.php (esc_url_raw, sanitize_text_field, esc_html…), kses.php and http.php
 * (wp_remote_*, wp_safe_remote_post, wp_http_validate_url, the one that applies http_request_host_is_external and
 * http_allowed_safe_ports). Everything else is a stand-in in wordpress.php and woocommerce.php, written against the
 * documented behaviour of the original and named after it.
 *
 * @package ML_Connector
 */

define( 'ABSPATH', rtrim( getenv( 'WP_CORE_DIR' ) ?: '/usr/share/wordpress', '/' ) . '/' );
define( 'WPINC', 'wp-includes' );
define( 'MINUTE_IN_SECONDS', 60 );

foreach ( array( 'load.php', 'class-wp-error.php', 'plugin.php', 'formatting.php', 'kses.php', 'http.php' ) as $ml_file ) {
	require ABSPATH . WPINC . '/' . $ml_file;
}

/*
 * The plugin directory the admin page looks in for build/: a temporary copy of the layout with includes/ linked to
 * the real plugin and a stand-in build/index.asset.php, so the page takes the path that prints script data.
 */
$ml_plugin_dir = dirname( __DIR__, 2 ) . '/plugin/';
$ml_test_dir   = sys_get_temp_dir() . '/ml-connector-php-' . getmypid() . '/';
if ( ! is_dir( $ml_test_dir . 'build' ) ) {
	mkdir( $ml_test_dir . 'build', 0700, true );
}
file_put_contents( $ml_test_dir . 'build/index.asset.php', "<?php return array( 'dependencies' => array(), 'version' => 'test' );\n" );
register_shutdown_function(
	static function () use ( $ml_test_dir ) {
		unlink( $ml_test_dir . 'build/index.asset.php' );
		rmdir( $ml_test_dir . 'build' );
		rmdir( $ml_test_dir );
	}
);
define( 'ML_CONNECTOR_DIR', $ml_test_dir );
define( 'ML_CONNECTOR_FILE', $ml_plugin_dir . 'ml-connector.php' );
define( 'ML_CONNECTOR_VERSION', 'test' );

require __DIR__ . '/stand-ins/wordpress.php';
require __DIR__ . '/stand-ins/fake-wpdb.php';
require __DIR__ . '/stand-ins/fake-http.php';
require __DIR__ . '/stand-ins/woocommerce.php';

foreach ( array( 'options', 'sidecar-client', 'pairing', 'sidecar-reach', 'woocommerce-api-key', 'woocommerce-webhooks', 'store-connection', 'rest-access', 'rest-store-routes', 'admin-notices', 'admin-page' ) as $ml_file ) {
	require $ml_plugin_dir . 'includes/class-' . $ml_file . '.php';
}

/** Fresh state for one case: no options, no rows, no hooks, the default sidecar. */
function ml_test_reset() {
	global $wpdb, $wp_filter, $ml_options, $ml_transients, $ml_scripts, $ml_current_user;
	$wpdb          = new Fake_Wpdb();
	$wp_filter     = array();
	$ml_options    = array();
	$ml_transients = array();
	$ml_scripts    = array();
	$ml_current_user = 1;
	$_GET            = array();
	$GLOBALS['ml_events'] = array();
	Fake_Http::reset();
	WC_Webhook::$fail_on_save_number = false;
}

/**
 * One line of the shared timeline (database writes and HTTP requests), so a case can check their order.
 *
 * @param string $event Such as "insert wp_woocommerce_api_keys" or "POST /api/v1/connections".
 */
function ml_event( $event ) {
	$GLOBALS['ml_events'][] = $event;
}
