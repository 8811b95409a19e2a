<?php
/**
 * Router for PHP's built-in server serving Debian's WordPress (/usr/share/wordpress) in the end-to-end test.
 *
 * Debian's wp-config.php picks /etc/wordpress/config-<WORDPRESS_CONFIG>.php when that server variable is set, which
 * gives each test run its own config file instead of sharing config-127.0.0.1.php with whatever else runs here.
 * /wp-content/ is served from the run's own WP_CONTENT_DIR (a temp folder holding the plugin's symlink and the
 * must-use stand-in), which lies outside the document root the built-in server knows. PHP files run as Apache
 * would run them; any other path goes to WordPress's front controller (REST routes, permalinks).
 *
 * Environment: MLC_WP_CONFIG (the config name), MLC_WP_CONTENT_DIR (the content folder).
 *
 * @package ML_Connector
 */

$_SERVER['WORDPRESS_CONFIG'] = (string) getenv( 'MLC_WP_CONFIG' );

const MLC_ROUTER_ROOT = '/usr/share/wordpress';

/** Content types of the static files wp-admin and the plugin's build load. */
const MLC_ROUTER_TYPES = array(
	'css'   => 'text/css; charset=utf-8',
	'js'    => 'text/javascript; charset=utf-8',
	'json'  => 'application/json',
	'map'   => 'application/json',
	'png'   => 'image/png',
	'jpg'   => 'image/jpeg',
	'gif'   => 'image/gif',
	'svg'   => 'image/svg+xml',
	'ico'   => 'image/x-icon',
	'woff'  => 'font/woff',
	'woff2' => 'font/woff2',
	'ttf'   => 'font/ttf',
	'txt'   => 'text/plain; charset=utf-8',
);

/**
 * Runs one of WordPress's PHP files with the server variables Apache would give it. Called at the top level (not
 * from a function), WordPress's files see their globals as globals.
 */
function mlc_router_target( $script_name ) {
	$_SERVER['SCRIPT_NAME']     = $script_name;
	$_SERVER['PHP_SELF']        = $script_name;
	$_SERVER['SCRIPT_FILENAME'] = MLC_ROUTER_ROOT . $script_name;
	chdir( dirname( MLC_ROUTER_ROOT . $script_name ) );
	return MLC_ROUTER_ROOT . $script_name;
}

$mlc_router_path = rawurldecode( (string) parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
if ( str_contains( $mlc_router_path, '..' ) ) {
	http_response_code( 400 );
	return true;
}

if ( str_starts_with( $mlc_router_path, '/wp-content/' ) ) {
	$mlc_router_file = realpath( getenv( 'MLC_WP_CONTENT_DIR' ) . substr( $mlc_router_path, strlen( '/wp-content' ) ) );
	$mlc_router_ext  = strtolower( pathinfo( $mlc_router_path, PATHINFO_EXTENSION ) );
	if ( false === $mlc_router_file || ! is_file( $mlc_router_file ) || ! isset( MLC_ROUTER_TYPES[ $mlc_router_ext ] ) ) {
		http_response_code( 404 );
		return true;
	}
	header( 'Content-Type: ' . MLC_ROUTER_TYPES[ $mlc_router_ext ] );
	header( 'Content-Length: ' . filesize( $mlc_router_file ) );
	readfile( $mlc_router_file );
	return true;
}

$mlc_router_script = is_dir( MLC_ROUTER_ROOT . $mlc_router_path ) ? rtrim( $mlc_router_path, '/' ) . '/index.php' : $mlc_router_path;
if ( ! str_ends_with( $mlc_router_script, '.php' ) && is_file( MLC_ROUTER_ROOT . $mlc_router_script ) ) {
	return false; // A static file under the document root: the built-in server sends it.
}
if ( ! is_file( MLC_ROUTER_ROOT . $mlc_router_script ) ) {
	$mlc_router_script = '/index.php';
}
$mlc_router_require = mlc_router_target( $mlc_router_script );
unset( $mlc_router_path, $mlc_router_script );
require $mlc_router_require;
