<?php
/**
 * Activates a plugin of the end-to-end test site from the command line, running its activation hook as wp-admin
 * would: `php activate-plugin.php <config name> <host:port> <plugin file>` (e.g. ml-connector/ml-connector.php).
 *
 * @package ML_Connector
 */

if ( 'cli' !== PHP_SAPI || 4 !== $argc ) {
	fwrite( STDERR, "usage: php activate-plugin.php <config name> <host:port> <plugin file>\n" );
	exit( 2 );
}
$_SERVER['WORDPRESS_CONFIG'] = $argv[1];
$_SERVER['HTTP_HOST']        = $argv[2];
$_SERVER['REQUEST_URI']      = '/wp-admin/plugins.php';
$mlc_plugin                  = $argv[3];

require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$mlc_result = activate_plugin( $mlc_plugin );
if ( is_wp_error( $mlc_result ) ) {
	fwrite( STDERR, $mlc_plugin . ': ' . $mlc_result->get_error_message() . "\n" );
	exit( 1 );
}
if ( ! is_plugin_active( $mlc_plugin ) ) {
	fwrite( STDERR, $mlc_plugin . " is not active after activation\n" );
	exit( 1 );
}
echo "activated {$mlc_plugin}\n";
