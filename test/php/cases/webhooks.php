<?php
/**
 * WooCommerce_Webhooks: made, reported on, re-enabled and deleted through WC_Webhook.
 *
 * @package ML_Connector
 */

use ML_Connector\Options;
use ML_Connector\Sidecar_Reach;
use ML_Connector\WooCommerce_Webhooks;

const ML_HOOK_URL = 'http://127.0.0.1:8787/webhooks/woocommerce/conn_7';

ml_case(
	'webhooks: one active webhook per topic, with the sidecar URL, the secret, API v3 and the user',
	static function () {
		global $wpdb;
		$created = array();
		$ids     = WooCommerce_Webhooks::create_all( ML_HOOK_URL, 'secret-40-chars', 3, $created );
		ml_assert_same( $created, $ids, 'returns the ids it filled in' );
		ml_assert_same( 8, count( $ids ), 'eight webhooks' );

		$topics = array();
		foreach ( $ids as $id ) {
			$webhook  = wc_get_webhook( $id );
			$topics[] = $webhook->get_topic();
			ml_assert_same( 'active', $webhook->get_status(), 'status of ' . $webhook->get_topic() );
			ml_assert_same( ML_HOOK_URL, $webhook->get_delivery_url(), 'delivery URL' );
			ml_assert_same( 'secret-40-chars', $webhook->get_secret(), 'secret' );
			ml_assert_same( 'wp_api_v3', $webhook->get_api_version(), 'API version' );
			ml_assert_same( 3, $wpdb->rows( 'wc_webhooks' )[ $id ]['api_version'], 'api_version column (the data store stores the number)' );
			ml_assert_same( 3, $webhook->get_user_id(), 'user' );
		}
		// WC_Webhook::set_topic() blanks a topic WooCommerce does not accept, so this also checks each is valid.
		ml_assert_same( WooCommerce_Webhooks::TOPICS, $topics, 'one per topic, each accepted by WooCommerce' );
		ml_assert_same( array(), Fake_Http::$requests, 'creating sends nothing: WooCommerce pings on a later save' );
	}
);

ml_case(
	'webhooks: a save that fails stops, reports the topic and leaves the ids made so far',
	static function () {
		WC_Webhook::fail_on_save( 3 );
		$created = array();
		$result  = WooCommerce_Webhooks::create_all( ML_HOOK_URL, 's', 3, $created );
		ml_assert_error( 'ml_connector_webhook_not_created', $result, 'create_all()' );
		ml_assert( false !== strpos( $result->get_error_message(), 'order.deleted' ), 'names the topic: ' . $result->get_error_message() );
		ml_assert_same( 2, count( $created ), 'the two made are handed back for rollback' );
	}
);

ml_case(
	'webhooks: health shows a disabled webhook; re-enabling resets it and its ping reaches the sidecar',
	static function () {
		Options::save_pairing( Fake_Http::BASE, Fake_Http::TOKEN );
		Sidecar_Reach::register();
		$created = array();
		WooCommerce_Webhooks::create_all( ML_HOOK_URL, 's', 3, $created );
		Options::save_connection( array( 'webhook_url' => ML_HOOK_URL, 'webhook_ids' => $created ) );

		$webhook = wc_get_webhook( $created[1] );
		$webhook->set_failure_count( 6 );
		$webhook->set_status( 'disabled' );
		$webhook->save();

		$health = WooCommerce_Webhooks::health( array_merge( $created, array( 999 ) ) );
		ml_assert_same( array( 'id' => $created[1], 'topic' => 'order.updated', 'status' => 'disabled', 'failureCount' => 6, 'deliveryUrl' => ML_HOOK_URL ), $health[1], 'the disabled one' );
		ml_assert_same( 'missing', $health[8]['status'], 'an id with no webhook is reported missing' );

		ml_assert_error( 'ml_connector_no_webhook', WooCommerce_Webhooks::activate( 999, $created ), 'a webhook not the plugin\'s' );
		ml_assert_same( true, WooCommerce_Webhooks::activate( $created[1], $created ), 'activate()' );
		$webhook = wc_get_webhook( $created[1] );
		ml_assert_same( array( 'active', 0 ), array( $webhook->get_status(), $webhook->get_failure_count() ), 'active again, count reset' );
		ml_assert_same( array( 'POST /webhooks/woocommerce/conn_7' ), Fake_Http::routes(), 'WooCommerce\'s ping went through wp_safe_remote_post()' );
		ml_assert_same( false, $webhook->get_pending_delivery(), 'the sidecar answered the ping' );
	}
);

ml_case(
	'webhooks: delete_all removes each row and skips ids already gone',
	static function () {
		global $wpdb;
		$created = array();
		WooCommerce_Webhooks::create_all( ML_HOOK_URL, 's', 3, $created );
		WooCommerce_Webhooks::delete_all( array_merge( $created, array( 999 ) ) );
		ml_assert_same( array(), $wpdb->rows( 'wc_webhooks' ), 'no webhook left' );
	}
);
