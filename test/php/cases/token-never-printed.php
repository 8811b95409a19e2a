<?php
/**
 * The admin token stays on the server: not in the screen, not in the data given to the admin UI's scripts, not in
 * what the plugin's REST routes answer.
 *
 * @package ML_Connector
 */

use ML_Connector\Admin_Page;
use ML_Connector\Pairing;
use ML_Connector\Rest_Store_Routes;
use ML_Connector\Sidecar_Reach;
use ML_Connector\Store_Connection;

ml_case(
	'token: absent from the page, the localized script data and the REST answers',
	static function () {
		Pairing::pair( 'http://127.0.0.1:8787', Fake_Http::TOKEN );

		Admin_Page::enqueue( 'woocommerce_page_ml-connector' );
		$inline = $GLOBALS['ml_scripts']['ml-connector-index']['inline'] ?? array();
		ml_assert_same( 1, count( $inline ), 'the admin UI got its data' );
		ml_assert( 1 === preg_match( '/^window\.mlConnector = (\{.*\});$/', $inline[0], $m ), 'as window.mlConnector' );
		ml_assert_same( array( 'restRoot', 'namespace', 'nonce', 'pageUrl', 'classicUrl' ), array_keys( json_decode( $m[1], true ) ), 'these keys and no others' );
		ml_assert_absent( Fake_Http::TOKEN, $inline, 'token in the script data' );

		$_GET['classic'] = '1';
		ob_start();
		Admin_Page::render();
		$unconnected = ob_get_clean();
		Sidecar_Reach::register();
		Store_Connection::connect( array( 'netsuite_account_id' => 'acct_1', 'master_location_id' => '12' ) );
		ob_start();
		Admin_Page::render();
		$connected = ob_get_clean();
		ml_assert( false !== strpos( $unconnected, 'name="admin_token"' ) && false !== strpos( $connected, 'conn_7' ), 'both screens rendered' );
		ml_assert_absent( Fake_Http::TOKEN, $unconnected, 'token in the page before Connect' );
		ml_assert_absent( Fake_Http::TOKEN, $connected, 'token in the page once connected' );

		ml_assert_absent( Fake_Http::TOKEN, Rest_Store_Routes::get_pairing()->get_data(), 'token in GET /pairing' );
		ml_assert_absent( Fake_Http::TOKEN, Rest_Store_Routes::get_store()->get_data(), 'token in GET /store' );
	}
);
