<?php
/**
 * WooCommerce_Api_Key: the row WooCommerce's key screen (WC_AJAX::update_api_key()) would write, and its revoke.
 *
 * @package ML_Connector
 */

use ML_Connector\WooCommerce_Api_Key;

ml_case(
	'api key: the row is written as WooCommerce\'s key screen writes it, the clear key returned once',
	static function () {
		global $wpdb;
		$key = WooCommerce_Api_Key::create( 5 );
		ml_assert( is_array( $key ), 'create() returns the key' );
		ml_assert( 1 === preg_match( '/^ck_[0-9a-f]{40}$/', $key['consumer_key'] ), 'consumer key is ck_ + wc_rand_hash(): ' . $key['consumer_key'] );
		ml_assert( 1 === preg_match( '/^cs_[0-9a-f]{40}$/', $key['consumer_secret'] ), 'consumer secret is cs_ + wc_rand_hash()' );

		$rows = $wpdb->rows( 'woocommerce_api_keys' );
		ml_assert_same( array( $key['key_id'] ), array_keys( $rows ), 'one row, under the returned key_id' );
		$row = $rows[ $key['key_id'] ];
		ml_assert_same( 5, $row['user_id'], 'user_id' );
		ml_assert_same( 'read_write', $row['permissions'], 'permissions' );
		ml_assert_same( hash_hmac( 'sha256', $key['consumer_key'], 'wc-api' ), $row['consumer_key'], 'consumer_key stored as wc_api_hash( ck )' );
		ml_assert_same( $key['consumer_secret'], $row['consumer_secret'], 'consumer_secret stored as is' );
		ml_assert_same( substr( $key['consumer_key'], -7 ), $row['truncated_key'], 'truncated_key is the last 7 characters' );
		ml_assert( '' !== $row['description'], 'a description the key screen lists' );
		ml_assert_absent( $key['consumer_key'], $wpdb->tables, 'the clear consumer key is stored nowhere' );
		ml_assert_same( array( '%d', '%s', '%s', '%s', '%s', '%s' ), $wpdb->calls[0][3], 'formats as the key screen passes them' );
	}
);

ml_case(
	'api key: a database error is a WP_Error, no key handed out',
	static function () {
		global $wpdb;
		$wpdb->fail_next_insert = true;
		ml_assert_error( 'ml_connector_key_not_created', WooCommerce_Api_Key::create( 5 ), 'create()' );
	}
);

ml_case(
	'api key: delete removes exactly its row by key_id',
	static function () {
		global $wpdb;
		$first  = WooCommerce_Api_Key::create( 5 );
		$second = WooCommerce_Api_Key::create( 5 );
		WooCommerce_Api_Key::delete( $first['key_id'] );
		ml_assert_same( array( $second['key_id'] ), array_keys( $wpdb->rows( 'woocommerce_api_keys' ) ), 'only the other key is left' );
		$delete = $wpdb->calls_on( 'woocommerce_api_keys' )[2];
		ml_assert_same( array( 'delete', 'wp_woocommerce_api_keys', array( 'key_id' => $first['key_id'] ), array( '%d' ) ), $delete, 'deleted by key_id, %d' );
	}
);
