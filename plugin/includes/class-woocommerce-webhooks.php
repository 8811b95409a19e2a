<?php
/**
 * The WooCommerce webhooks that deliver the store's events to the sidecar.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

use WC_Webhook;
use WP_Error;

defined( 'ABSPATH' ) || exit;

/**
 * Creates, reports on, re-enables and deletes the plugin's webhooks with WooCommerce's own `WC_Webhook`.
 */
final class WooCommerce_Webhooks {

	/**
	 * The topics the sidecar's WooCommerce flows handle (orders, refunds, customers).
	 *
	 * @var string[]
	 */
	const TOPICS = array(
		'order.created',
		'order.updated',
		'order.deleted',
		'order.restored',
		'customer.created',
		'customer.updated',
		'customer.deleted',
		'action.woocommerce_order_refunded',
	);

	/**
	 * Creates one active webhook per topic. WooCommerce's data store keeps a new webhook "pending delivery" and pings
	 * its URL at its next save (at the latest after its first delivery); the sidecar answers the ping with 200.
	 *
	 * @param string $delivery_url The sidecar's webhookUrl for this store.
	 * @param string $secret       The secret every webhook signs with (the connection's webhookSecret).
	 * @param int    $user_id      The user deliveries are built as.
	 * @param int[]  $created      Filled with the ids made so far, so a failure can be undone.
	 * @return int[]|WP_Error Webhook ids.
	 */
	public static function create_all( $delivery_url, $secret, $user_id, array &$created ) {
		if ( ! class_exists( WC_Webhook::class ) ) {
			return new WP_Error( 'ml_connector_no_woocommerce', __( 'WooCommerce is not active, so no webhook can be made.', 'ml-connector' ) );
		}
		foreach ( self::TOPICS as $topic ) {
			$webhook = new WC_Webhook();
			/* translators: %s: webhook topic such as order.created. */
			$webhook->set_name( sprintf( __( 'ml-connector: %s', 'ml-connector' ), $topic ) );
			$webhook->set_user_id( $user_id );
			$webhook->set_topic( $topic );
			$webhook->set_delivery_url( $delivery_url );
			$webhook->set_secret( $secret );
			$webhook->set_api_version( 'wp_api_v3' );
			$webhook->set_status( 'active' );
			$id = (int) $webhook->save();
			if ( $id <= 0 ) {
				return new WP_Error(
					'ml_connector_webhook_not_created',
					/* translators: %s: webhook topic. */
					sprintf( __( 'WooCommerce did not save the %s webhook.', 'ml-connector' ), $topic )
				);
			}
			$created[] = $id;
		}
		return $created;
	}

	/**
	 * What each webhook is doing: WooCommerce disables one after repeated failed deliveries, and nothing reaches
	 * NetSuite from its topic until it is active again.
	 *
	 * @param int[] $ids Webhook ids.
	 * @return array<int, array{id: int, topic: string, status: string, failureCount: int, deliveryUrl: string}>
	 */
	public static function health( array $ids ) {
		$rows = array();
		if ( ! function_exists( 'wc_get_webhook' ) ) {
			return $rows;
		}
		foreach ( $ids as $id ) {
			$webhook = wc_get_webhook( (int) $id );
			$rows[]  = $webhook ? array(
				'id'           => (int) $id,
				'topic'        => (string) $webhook->get_topic(),
				'status'       => (string) $webhook->get_status(),
				'failureCount' => (int) $webhook->get_failure_count(),
				'deliveryUrl'  => (string) $webhook->get_delivery_url(),
			) : array(
				'id'           => (int) $id,
				'topic'        => '',
				'status'       => 'missing',
				'failureCount' => 0,
				'deliveryUrl'  => '',
			);
		}
		return $rows;
	}

	/**
	 * Re-enables one of the plugin's webhooks (its failure count starts again from zero).
	 *
	 * @param int   $id  Webhook id.
	 * @param int[] $own The plugin's webhook ids: no other webhook is touched.
	 * @return true|WP_Error
	 */
	public static function activate( $id, array $own ) {
		$webhook = in_array( (int) $id, array_map( 'intval', $own ), true ) && function_exists( 'wc_get_webhook' ) ? wc_get_webhook( (int) $id ) : null;
		if ( ! $webhook ) {
			return new WP_Error( 'ml_connector_no_webhook', __( 'No such ml-connector webhook.', 'ml-connector' ), array( 'status' => 404 ) );
		}
		$webhook->set_failure_count( 0 );
		$webhook->set_status( 'active' );
		$webhook->save();
		return true;
	}

	/**
	 * Deletes webhooks for good (not to the trash: WooCommerce webhooks have none).
	 *
	 * @param int[] $ids Webhook ids.
	 */
	public static function delete_all( array $ids ) {
		if ( ! function_exists( 'wc_get_webhook' ) ) {
			return;
		}
		foreach ( $ids as $id ) {
			$webhook = wc_get_webhook( (int) $id );
			if ( $webhook ) {
				$webhook->delete( true );
			}
		}
	}
}
