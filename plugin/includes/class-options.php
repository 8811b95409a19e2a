<?php
/**
 * Where the plugin keeps what it knows: the pairing with the sidecar and the store connection made by "Connect".
 *
 * @package ML_Connector
 */

namespace ML_Connector;

defined( 'ABSPATH' ) || exit;

/**
 * Reads and writes the plugin's options. Every option is stored with autoload off: the admin token must not ride
 * along on every page load's alloptions cache, and nothing here is needed outside wp-admin and the REST proxy.
 */
final class Options {

	const SIDECAR_URL = 'ml_connector_sidecar_url';
	const ADMIN_TOKEN = 'ml_connector_admin_token';
	const CONNECTION  = 'ml_connector_connection';

	/** Cached result of the sidecar health check behind the admin notice. */
	const HEALTH_TRANSIENT = 'ml_connector_sidecar_health';

	/**
	 * Every option the plugin writes (uninstall removes them).
	 *
	 * @return string[]
	 */
	public static function all_names() {
		return array( self::SIDECAR_URL, self::ADMIN_TOKEN, self::CONNECTION );
	}

	/**
	 * The sidecar's base URL without a trailing slash (`https://sync.example.com`), or '' before pairing.
	 *
	 * @return string
	 */
	public static function sidecar_url() {
		return (string) get_option( self::SIDECAR_URL, '' );
	}

	/**
	 * The sidecar's admin token. Server side only: never print it, never hand it to a script.
	 *
	 * @return string
	 */
	public static function admin_token() {
		return (string) get_option( self::ADMIN_TOKEN, '' );
	}

	/**
	 * Whether a sidecar URL and token have been checked and saved.
	 *
	 * @return bool
	 */
	public static function is_paired() {
		return '' !== self::sidecar_url() && '' !== self::admin_token();
	}

	/**
	 * Saves a checked pairing.
	 *
	 * @param string $url   Sidecar base URL, normalised.
	 * @param string $token Admin token.
	 */
	public static function save_pairing( $url, $token ) {
		update_option( self::SIDECAR_URL, $url, false );
		update_option( self::ADMIN_TOKEN, $token, false );
		delete_transient( self::HEALTH_TRANSIENT );
	}

	/** Forgets the pairing. */
	public static function forget_pairing() {
		delete_option( self::SIDECAR_URL );
		delete_option( self::ADMIN_TOKEN );
		delete_transient( self::HEALTH_TRANSIENT );
	}

	/**
	 * The store connection made by "Connect", as far as it got: any of `api_key_id` (WooCommerce key row),
	 * `connection_id` and `webhook_url` (the sidecar's), `webhook_ids` (WooCommerce webhooks), `connected_at`.
	 *
	 * @return array<string, mixed>
	 */
	public static function connection() {
		$value = get_option( self::CONNECTION, array() );
		return is_array( $value ) ? $value : array();
	}

	/**
	 * Records the connection's state; saved after every step so Disconnect can undo a Connect that stopped half way.
	 *
	 * @param array<string, mixed> $connection See connection().
	 */
	public static function save_connection( array $connection ) {
		if ( empty( $connection ) ) {
			delete_option( self::CONNECTION );
			return;
		}
		update_option( self::CONNECTION, $connection, false );
	}
}
