<?php
/**
 * Store_Connection: Connect (key → sidecar connection → webhooks) with rollback, and Disconnect.
 *
 * @package ML_Connector
 */

use ML_Connector\Options;
use ML_Connector\Sidecar_Reach;
use ML_Connector\Store_Connection;
use ML_Connector\WooCommerce_Webhooks;

const ML_INPUT = array(
	'netsuite_account_id' => 'acct_1',
	'master_location_id'  => '12',
);

/** Paired with the fake sidecar, the reach filters on, as the plugin runs. */
function ml_paired() {
	Options::save_pairing( Fake_Http::BASE, Fake_Http::TOKEN );
	Sidecar_Reach::register();
}

/** What Connect may leave behind: key rows, webhook rows, the connection option. */
function ml_assert_nothing_left( $message ) {
	global $wpdb;
	ml_assert_same( array(), $wpdb->rows( 'woocommerce_api_keys' ), $message . ': no API key left' );
	ml_assert_same( array(), $wpdb->rows( 'wc_webhooks' ), $message . ': no webhook left' );
	ml_assert_same( array(), Options::connection(), $message . ': no connection state left' );
}

ml_case(
	'connect: key, then POST /api/v1/connections, then the webhooks, and the state saved',
	static function () {
		global $wpdb;
		ml_paired();
		$state = Store_Connection::connect( ML_INPUT + array( 'name' => '' ) );
		ml_assert( is_array( $state ), 'connect() succeeded: ' . ( is_wp_error( $state ) ? $state->get_error_message() : '' ) );

		$events = $GLOBALS['ml_events'];
		ml_assert_same(
			array_merge( array( 'insert wp_woocommerce_api_keys', 'POST /api/v1/connections' ), array_fill( 0, 8, 'insert wp_wc_webhooks' ) ),
			$events,
			'order of the three steps'
		);

		$post = Fake_Http::sent( 'POST /api/v1/connections' )[0];
		ml_assert_same( 'Bearer ' . Fake_Http::TOKEN, $post['args']['headers']['Authorization'], 'the admin token' );
		$body = json_decode( $post['args']['body'], true );
		$row  = $wpdb->rows( 'woocommerce_api_keys' )[ $state['api_key_id'] ];
		ml_assert_same( 'woocommerce', $body['platform'], 'platform' );
		ml_assert_same( 'https://shop.example.com', $body['storeUrl'], 'storeUrl is home_url()' );
		ml_assert_same( 'Example & Sons', $body['name'], 'name defaults to the site title, decoded' );
		ml_assert_same( 'acct_1', $body['netsuiteAccountId'], 'netsuiteAccountId' );
		ml_assert_same( array( 'masterLocationId' => '12' ), $body['settings'], 'settings' );
		ml_assert_same( wc_api_hash( $body['credentials']['consumerKey'] ), $row['consumer_key'], 'the sidecar got the clear key of the stored row' );
		ml_assert_same( $row['consumer_secret'], $body['credentials']['consumerSecret'], 'and its secret' );
		ml_assert( strlen( $body['webhookSecret'] ) >= 32, 'a generated webhook secret' );
		foreach ( $state['webhook_ids'] as $id ) {
			ml_assert_same( $body['webhookSecret'], wc_get_webhook( $id )->get_secret(), 'every webhook signs with the secret the sidecar has' );
			ml_assert_same( 'http://127.0.0.1:8787/webhooks/woocommerce/conn_7', wc_get_webhook( $id )->get_delivery_url(), 'delivering to the webhookUrl the sidecar answered' );
		}

		ml_assert_same( array( 'api_key_id', 'connection_id', 'webhook_url', 'webhook_ids', 'connected_at' ), array_keys( $state ), 'saved state' );
		ml_assert_same( $state, Options::connection(), 'the option holds it' );
		ml_assert_same( 'conn_7', $state['connection_id'], 'connection id' );
		ml_assert_absent( $body['credentials']['consumerKey'], $GLOBALS['ml_options'], 'the clear consumer key is not kept in an option' );
	}
);

ml_case(
	'connect: the sidecar refusing at step 2 removes the key; its error comes back',
	static function () {
		ml_paired();
		Fake_Http::answer( 'POST /api/v1/connections', array( 422, array( 'error' => array( 'code' => 'NETSUITE_ACCOUNT_UNKNOWN', 'message' => 'No such NetSuite account.' ) ) ) );
		$result = Store_Connection::connect( ML_INPUT );
		ml_assert_error( 'NETSUITE_ACCOUNT_UNKNOWN', $result, 'connect()' );
		ml_assert_same( 'No such NetSuite account.', $result->get_error_message(), 'the sidecar\'s sentence' );
		ml_assert_nothing_left( 'after a refusal' );
		ml_assert_same( array( 'POST /api/v1/connections' ), Fake_Http::routes(), 'no DELETE for a connection never made' );
	}
);

ml_case(
	'connect: a sidecar out of reach at step 2, or one answering without webhookUrl, leaves nothing',
	static function () {
		ml_paired();
		Fake_Http::answer( 'POST /api/v1/connections', new WP_Error( 'http_request_failed', 'cURL error 28: timed out' ) );
		ml_assert_error( 'ml_connector_sidecar_unreachable', Store_Connection::connect( ML_INPUT ), 'unreachable' );
		ml_assert_nothing_left( 'after a transport error' );

		Fake_Http::answer( 'POST /api/v1/connections', array( 201, array( 'id' => 'conn_7' ) ) );
		ml_assert_error( 'ml_connector_bad_answer', Store_Connection::connect( ML_INPUT ), 'no webhookUrl' );
		ml_assert_nothing_left( 'after an incomplete answer' );
		ml_assert_same( array( 'POST /api/v1/connections', 'DELETE /api/v1/connections/conn_7' ), array_slice( Fake_Http::routes(), -2 ), 'a connection with an id but no webhookUrl is deleted again' );
	}
);

ml_case(
	'connect: a webhook failing at step 3 removes the webhooks made, the sidecar connection and the key',
	static function () {
		ml_paired();
		WC_Webhook::fail_on_save( 4 );
		ml_assert_error( 'ml_connector_webhook_not_created', Store_Connection::connect( ML_INPUT ), 'connect()' );
		ml_assert_nothing_left( 'after step 3 failed' );
		$events = $GLOBALS['ml_events'];
		ml_assert_same(
			array( 'delete wp_wc_webhooks', 'delete wp_wc_webhooks', 'delete wp_wc_webhooks', 'DELETE /api/v1/connections/conn_7', 'delete wp_woocommerce_api_keys' ),
			array_slice( $events, -5 ),
			'rollback order: webhooks, connection, key'
		);
	}
);

ml_case(
	'connect: refused before anything is made when unpaired, already connected, or given a bad location',
	static function () {
		global $wpdb;
		ml_assert_error( 'ml_connector_not_paired', Store_Connection::connect( ML_INPUT ), 'unpaired' );
		ml_paired();
		ml_assert_error( 'ml_connector_bad_input', Store_Connection::connect( array( 'netsuite_account_id' => 'acct_1', 'master_location_id' => 'Main' ) ), 'location not digits' );
		ml_assert_same( array(), $wpdb->calls, 'nothing written' );
		Store_Connection::connect( ML_INPUT );
		ml_assert_error( 'ml_connector_connected', Store_Connection::connect( ML_INPUT ), 'connected already' );
	}
);

ml_case(
	'disconnect: removes the webhooks, then the sidecar connection, then the key',
	static function () {
		ml_paired();
		Store_Connection::connect( ML_INPUT );
		$GLOBALS['ml_events'] = array();
		ml_assert_same( true, Store_Connection::disconnect(), 'disconnect()' );
		ml_assert_nothing_left( 'after disconnect' );
		ml_assert_same( array_merge( array_fill( 0, 8, 'delete wp_wc_webhooks' ), array( 'DELETE /api/v1/connections/conn_7', 'delete wp_woocommerce_api_keys' ) ), $GLOBALS['ml_events'], 'order' );
		$delete = Fake_Http::sent( 'DELETE /api/v1/connections/conn_7' )[0];
		ml_assert_same( 'Bearer ' . Fake_Http::TOKEN, $delete['args']['headers']['Authorization'], 'with the admin token' );
		ml_assert_same( true, Options::is_paired(), 'the pairing stays' );
	}
);

ml_case(
	'disconnect: a sidecar out of reach keeps the key and the connection, and a second run finishes',
	static function () {
		global $wpdb;
		ml_paired();
		$state = Store_Connection::connect( ML_INPUT );
		Fake_Http::answer( 'DELETE /api/v1/connections/conn_7', new WP_Error( 'http_request_failed', 'cURL error 7' ) );
		ml_assert_error( 'ml_connector_sidecar_unreachable', Store_Connection::disconnect(), 'disconnect()' );
		ml_assert_same( array(), $wpdb->rows( 'wc_webhooks' ), 'webhooks removed first (no delivery to a connection going away)' );
		ml_assert_same( array( $state['api_key_id'] ), array_keys( $wpdb->rows( 'woocommerce_api_keys' ) ), 'the key kept' );
		ml_assert_same( array( 'api_key_id', 'connection_id', 'webhook_url', 'connected_at' ), array_keys( Options::connection() ), 'the connection remembered' );

		Fake_Http::reset();
		ml_assert_same( true, Store_Connection::disconnect(), 'second disconnect()' );
		ml_assert_nothing_left( 'after the second run' );
	}
);

ml_case(
	'disconnect: a connection the sidecar no longer knows (404) counts as removed; force ignores an unreachable sidecar',
	static function () {
		ml_paired();
		Store_Connection::connect( ML_INPUT );
		Fake_Http::answer( 'DELETE /api/v1/connections/conn_7', array( 404, array( 'error' => array( 'code' => 'NOT_FOUND', 'message' => 'No such connection.' ) ) ) );
		ml_assert_same( true, Store_Connection::disconnect(), '404' );
		ml_assert_nothing_left( 'after 404' );

		Fake_Http::reset();
		Store_Connection::connect( ML_INPUT );
		Fake_Http::answer( 'DELETE /api/v1/connections/conn_7', new WP_Error( 'http_request_failed', 'cURL error 7' ) );
		ml_assert_same( true, Store_Connection::disconnect( true ), 'forced' );
		ml_assert_nothing_left( 'after a forced disconnect' );
	}
);
