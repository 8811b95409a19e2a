<?php
/**
 * Stand-ins for the WordPress functions the plugin calls that need a database, a user session or a page: options
 * and transients in memory (with the autoload flag as wp_options stores it), the current user, translations that
 * return their text, and the script and form helpers recorded so a case can read what a page would print.
 *
 * @package ML_Connector
 */

// Options API (wp-includes/option.php): get_option() returns $default_value when unset; add_option() stores autoload
// 'no' for false or 'no' and 'yes' otherwise; update_option() adds a missing option, returns false for an unchanged
// value, and changes autoload only when one is given; delete_option() says whether a row went.
function get_option( $option, $default_value = false ) {
	global $ml_options;
	if ( 'blog_charset' === $option ) {
		return 'UTF-8';
	}
	if ( 'home' === $option ) {
		return 'https://shop.example.com';
	}
	return array_key_exists( $option, $ml_options ) ? $ml_options[ $option ]['value'] : $default_value;
}

function add_option( $option, $value = '', $deprecated = '', $autoload = 'yes' ) {
	global $ml_options;
	if ( array_key_exists( $option, $ml_options ) ) {
		return false;
	}
	$ml_options[ $option ] = array(
		'value'    => $value,
		'autoload' => ( 'no' === $autoload || false === $autoload ) ? 'no' : 'yes',
	);
	return true;
}

function update_option( $option, $value, $autoload = null ) {
	global $ml_options;
	if ( ! array_key_exists( $option, $ml_options ) ) {
		return add_option( $option, $value, '', null === $autoload ? 'yes' : $autoload );
	}
	if ( $ml_options[ $option ]['value'] === $value ) {
		return false;
	}
	$ml_options[ $option ]['value'] = $value;
	if ( null !== $autoload ) {
		$ml_options[ $option ]['autoload'] = ( 'no' === $autoload || false === $autoload ) ? 'no' : 'yes';
	}
	return true;
}

function delete_option( $option ) {
	global $ml_options;
	if ( ! array_key_exists( $option, $ml_options ) ) {
		return false;
	}
	unset( $ml_options[ $option ] );
	return true;
}

function get_transient( $transient ) {
	global $ml_transients;
	return $ml_transients[ $transient ] ?? false;
}

function set_transient( $transient, $value, $expiration = 0 ) {
	global $ml_transients;
	$ml_transients[ $transient ] = $value;
	return true;
}

function delete_transient( $transient ) {
	global $ml_transients;
	$had = isset( $ml_transients[ $transient ] );
	unset( $ml_transients[ $transient ] );
	return $had;
}

// Translations (l10n.php) with no translation loaded: the text itself.
function __( $text, $domain = 'default' ) {
	return $text;
}

function esc_html__( $text, $domain = 'default' ) {
	return esc_html( $text );
}

function esc_attr__( $text, $domain = 'default' ) {
	return esc_attr( $text );
}

// English plural rule, as _n() answers with no translation loaded.
function _n( $single, $plural, $number, $domain = 'default' ) {
	return 1 === (int) $number ? $single : $plural;
}

// The en_US locale's separators.
function number_format_i18n( $number, $decimals = 0 ) {
	return number_format( (float) $number, absint( $decimals ) );
}

// functions.php helpers, as documented.
function wp_json_encode( $value, $flags = 0, $depth = 512 ) {
	return json_encode( $value, $flags, $depth );
}

function wp_parse_args( $args, $defaults = array() ) {
	return array_merge( $defaults, is_array( $args ) ? $args : array() );
}

function wp_allowed_protocols() {
	return array( 'http', 'https', 'ftp', 'ftps', 'mailto', 'news', 'irc', 'irc6', 'ircs', 'gopher', 'nntp', 'feed', 'telnet', 'mms', 'rtsp', 'sms', 'svn', 'tel', 'fax', 'xmpp', 'webcal', 'urn' );
}

function absint( $maybeint ) {
	return abs( (int) $maybeint );
}

function wp_list_pluck( $input_list, $field ) {
	return array_map(
		static function ( $item ) use ( $field ) {
			return is_array( $item ) ? $item[ $field ] : $item->$field;
		},
		$input_list
	);
}

// pluggable.php wp_generate_password(): $length characters of a-z, A-Z, 0-9 (plus punctuation when asked).
function wp_generate_password( $length = 12, $special_chars = true, $extra_special_chars = false ) {
	$chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789' . ( $special_chars ? '!@#$%^&*()' : '' );
	$out   = '';
	for ( $i = 0; $i < $length; $i++ ) {
		$out .= $chars[ random_int( 0, strlen( $chars ) - 1 ) ];
	}
	return $out;
}

// The site and the user.
function home_url( $path = '' ) {
	return 'https://shop.example.com' . ( $path ? '/' . ltrim( $path, '/' ) : '' );
}

function admin_url( $path = '' ) {
	return 'https://shop.example.com/wp-admin/' . ltrim( $path, '/' );
}

function rest_url( $path = '' ) {
	return 'https://shop.example.com/wp-json/' . ltrim( $path, '/' );
}

function plugins_url( $path = '', $plugin = '' ) {
	return 'https://shop.example.com/wp-content/plugins/ml-connector/' . ltrim( $path, '/' );
}

function get_bloginfo( $show = '' ) {
	return 'name' === $show ? 'Example &amp; Sons' : '';
}

function get_current_user_id() {
	return $GLOBALS['ml_current_user'];
}

function current_user_can( $capability ) {
	return 0 !== $GLOBALS['ml_current_user'];
}

function wp_die( $message = '' ) {
	throw new RuntimeException( 'wp_die: ' . $message );
}

function wp_create_nonce( $action = -1 ) {
	return substr( hash( 'sha256', 'nonce|' . $action ), 0, 10 );
}

function wp_nonce_field( $action = -1 ) {
	echo '<input type="hidden" name="_wpnonce" value="' . esc_attr( wp_create_nonce( $action ) ) . '" />';
}

function submit_button( $text = '' ) {
	echo '<input type="submit" class="button" value="' . esc_attr( $text ) . '" />';
}

// Scripts (functions.wp-scripts.php): recorded, so a case reads exactly what the page would print for them.
function wp_enqueue_script( $handle, $src = '', $deps = array(), $ver = false, $in_footer = false ) {
	$GLOBALS['ml_scripts'][ $handle ] = array(
		'src'    => $src,
		'inline' => array(),
	);
}

function wp_enqueue_style( $handle, $src = '' ) {
}

function wp_add_inline_script( $handle, $data, $position = 'after' ) {
	$GLOBALS['ml_scripts'][ $handle ]['inline'][] = $data;
	return true;
}

function wp_set_script_translations( $handle, $domain = 'default', $path = '' ) {
	return true;
}

// REST responses (class-wp-rest-response.php): the data and status a route answers with.
class WP_REST_Response {

	/** @var mixed */
	public $data;

	/** @var int */
	public $status;

	public function __construct( $data = null, $status = 200 ) {
		$this->data   = $data;
		$this->status = $status;
	}

	public function get_data() {
		return $this->data;
	}
}
