<?php
/**
 * Stand-ins for the WooCommerce API the plugin uses, following WooCommerce's own code (includes/wc-core-functions.php,
 * wc-webhook-functions.php, class-wc-webhook.php, data-stores/class-wc-webhook-data-store.php):
 *
 * - wc_rand_hash(): 40 hex characters; wc_api_hash(): hash_hmac( 'sha256', $data, 'wc-api' ).
 * - WC_Webhook: set_topic() blanks a topic wc_is_webhook_valid_topic() refuses, set_status() turns an unknown
 *   status into 'disabled', set_delivery_url() runs esc_url_raw(), set_api_version( 'wp_api_v3' ) stores 3 and
 *   get_api_version() answers 'wp_api_v3'. save() inserts into or updates `{prefix}wc_webhooks` through $wpdb as the
 *   data store does: a new webhook is stored with pending_delivery and is NOT pinged; an update of an active webhook
 *   that is pending (or whose URL changed) pings it with wp_safe_remote_post(). delete() removes the row.
 * - wc_get_webhook( $id ): the webhook, or null when no row has that id.
 *
 * @package ML_Connector
 */

function wc_rand_hash() {
	return bin2hex( random_bytes( 20 ) );
}

function wc_api_hash( $data ) {
	return hash_hmac( 'sha256', $data, 'wc-api' );
}

function wc_get_webhook_statuses() {
	return array(
		'active'   => 'Active',
		'paused'   => 'Paused',
		'disabled' => 'Disabled',
	);
}

function wc_is_webhook_valid_topic( $topic ) {
	$invalid = array( 'action.woocommerce_login_credentials', 'action.woocommerce_product_csv_importer_check_import_file_path', 'action.woocommerce_webhook_should_deliver' );
	if ( in_array( $topic, $invalid, true ) ) {
		return false;
	}
	if ( 0 === strpos( $topic, 'action.woocommerce_' ) || 0 === strpos( $topic, 'action.wc_' ) ) {
		return true;
	}
	$data = explode( '.', $topic );
	return isset( $data[1] ) && in_array( $data[0], array( 'coupon', 'customer', 'order', 'product' ), true ) && in_array( $data[1], array( 'created', 'updated', 'deleted', 'restored' ), true );
}

function wc_get_webhook( $id ) {
	$webhook = new WC_Webhook( $id );
	return 0 !== $webhook->get_id() ? $webhook : null;
}

class WC_Webhook {

	/** @var int */
	private $id = 0;

	/** @var array */
	private $data = array(
		'status'           => 'disabled',
		'delivery_url'     => '',
		'secret'           => '',
		'name'             => '',
		'topic'            => '',
		'failure_count'    => 0,
		'user_id'          => 0,
		'api_version'      => 3,
		'pending_delivery' => false,
	);

	/** @var array Props set since the last save. */
	private $changes = array();

	/** @var int|false The next save() fails as a database error would (no row, id stays 0). */
	public static $fail_on_save_number = false;

	/** @var int */
	private static $saves = 0;

	public function __construct( $id = 0 ) {
		global $wpdb;
		if ( is_numeric( $id ) && $id > 0 ) {
			$row = $wpdb->rows( 'wc_webhooks' )[ (int) $id ] ?? null;
			if ( $row ) {
				$this->id = (int) $id;
				foreach ( array_keys( $this->data ) as $prop ) {
					$this->data[ $prop ] = $row[ $prop ];
				}
			}
		}
	}

	public function get_id() {
		return $this->id;
	}

	private function set_prop( $prop, $value ) {
		$this->changes[ $prop ] = $value;
	}

	private function get_prop( $prop ) {
		return array_key_exists( $prop, $this->changes ) ? $this->changes[ $prop ] : $this->data[ $prop ];
	}

	public function set_name( $name ) {
		$this->set_prop( 'name', $name );
	}

	public function set_status( $status ) {
		$this->set_prop( 'status', array_key_exists( $status, wc_get_webhook_statuses() ) ? $status : 'disabled' );
	}

	public function set_secret( $secret ) {
		$this->set_prop( 'secret', $secret );
	}

	public function set_topic( $topic ) {
		$topic = sanitize_text_field( $topic );
		$this->set_prop( 'topic', wc_is_webhook_valid_topic( $topic ) ? $topic : '' );
	}

	public function set_delivery_url( $url ) {
		$this->set_prop( 'delivery_url', esc_url_raw( $url, array( 'http', 'https' ) ) );
	}

	public function set_user_id( $user_id ) {
		$this->set_prop( 'user_id', (int) $user_id );
	}

	public function set_api_version( $version ) {
		if ( ! is_numeric( $version ) ) {
			$version = 'legacy_v3' === $version ? -1 : intval( substr( $version, -1 ) );
		}
		$this->set_prop( 'api_version', (int) $version );
	}

	public function set_failure_count( $count ) {
		$this->set_prop( 'failure_count', intval( $count ) );
	}

	public function set_pending_delivery( $pending ) {
		$this->set_prop( 'pending_delivery', (bool) $pending );
	}

	public function get_name() {
		return $this->get_prop( 'name' );
	}

	public function get_status() {
		return $this->get_prop( 'status' );
	}

	public function get_secret() {
		return $this->get_prop( 'secret' );
	}

	public function get_topic() {
		return $this->get_prop( 'topic' );
	}

	public function get_delivery_url() {
		return $this->get_prop( 'delivery_url' );
	}

	public function get_user_id() {
		return $this->get_prop( 'user_id' );
	}

	public function get_api_version() {
		$version = $this->get_prop( 'api_version' );
		return $version > 0 ? 'wp_api_v' . $version : 'legacy_v3';
	}

	public function get_failure_count() {
		return $this->get_prop( 'failure_count' );
	}

	public function get_pending_delivery() {
		return $this->get_prop( 'pending_delivery' );
	}

	/** WC_Data::save(): the data store's create() or update(); returns the id. */
	public function save() {
		global $wpdb;
		++self::$saves;
		if ( self::$fail_on_save_number === self::$saves ) {
			return $this->id;
		}
		$changes = $this->changes;
		if ( ! $this->id ) {
			if ( ! isset( $changes['pending_delivery'] ) ) {
				$this->set_pending_delivery( true );
			}
			$this->apply_changes();
			$wpdb->insert( $wpdb->prefix . 'wc_webhooks', $this->data );
			$this->id = (int) $wpdb->insert_id;
			return $this->id;
		}
		$this->apply_changes();
		$wpdb->update( $wpdb->prefix . 'wc_webhooks', $this->data, array( 'webhook_id' => $this->id ) );
		if ( 'active' === $this->get_status() && ( isset( $changes['delivery_url'] ) || $this->get_pending_delivery() ) ) {
			$this->deliver_ping();
		}
		return $this->id;
	}

	/** WC_Webhook::deliver_ping(): POSTs `webhook_id=…` with wp_safe_remote_post(); a 200 clears pending_delivery. */
	public function deliver_ping() {
		$test = wp_safe_remote_post( $this->get_delivery_url(), array( 'body' => 'webhook_id=' . $this->get_id() ) );
		if ( is_wp_error( $test ) ) {
			return new WP_Error( 'error', 'Error: Delivery URL cannot be reached: ' . $test->get_error_message() );
		}
		if ( 200 !== wp_remote_retrieve_response_code( $test ) ) {
			return new WP_Error( 'error', 'Error: Delivery URL returned response code: ' . absint( wp_remote_retrieve_response_code( $test ) ) );
		}
		$this->set_pending_delivery( false );
		$this->save();
		return true;
	}

	/** WC_Data::delete(): the data store removes the row whatever $force_delete says; the object's id becomes 0. */
	public function delete( $force_delete = false ) {
		global $wpdb;
		$wpdb->delete( $wpdb->prefix . 'wc_webhooks', array( 'webhook_id' => $this->id ), array( '%d' ) );
		$this->id = 0;
		return true;
	}

	private function apply_changes() {
		$this->data    = array_merge( $this->data, $this->changes );
		$this->changes = array();
	}

	/** Test control: the Nth save() from now fails. */
	public static function fail_on_save( $nth ) {
		self::$saves               = 0;
		self::$fail_on_save_number = $nth;
	}
}
