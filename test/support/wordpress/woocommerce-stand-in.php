<?php
/**
 * Plugin Name: WooCommerce stand-in (ml-connector end-to-end tests only)
 * Description: The few parts of WooCommerce the ml-connector admin screens touch, for a WordPress without WooCommerce.
 *
 * Copied into the test site's mu-plugins folder by test/support/wordpress/wordpress-site.ts; never shipped.
 * It gives administrators the `manage_woocommerce` capability, registers the top-level `woocommerce` menu the
 * plugin's NetSuite page hangs under, and makes `class_exists( 'WooCommerce' )` true so the plugin shows no
 * "WooCommerce missing" notice. It deliberately leaves out `WC_Webhook`, `wc_get_webhook()`, `wc_api_hash()` and
 * the rest: the plugin then reports "no webhooks" and refuses Connect, and its key and webhook provisioning is
 * tested by its own PHP harness, not pretended here.
 *
 * @package ML_Connector
 */

defined( 'ABSPATH' ) || exit;

if ( ! defined( 'WC_VERSION' ) ) {
	define( 'WC_VERSION', '9.9.0' );
}

if ( ! class_exists( 'WooCommerce' ) ) {
	/** Only its existence is checked. */
	final class WooCommerce {
		/** @var string */
		public $version = WC_VERSION;
	}
}

// WooCommerce grants shop managers and administrators this capability in its installer; here, whoever manages options.
add_filter(
	'user_has_cap',
	static function ( $allcaps ) {
		if ( ! empty( $allcaps['manage_options'] ) ) {
			$allcaps['manage_woocommerce'] = true;
		}
		return $allcaps;
	}
);

// The menu title must be "WooCommerce": the NetSuite page's hook suffix (woocommerce_page_ml-connector) is made from it.
add_action(
	'admin_menu',
	static function () {
		add_menu_page(
			'WooCommerce',
			'WooCommerce',
			'manage_woocommerce',
			'woocommerce',
			static function () {
				echo '<div class="wrap"><h1>WooCommerce (test stand-in)</h1></div>';
			},
			'dashicons-cart',
			55
		);
	},
	9
);
