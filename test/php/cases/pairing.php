<?php
/**
 * Pairing and Options: the URL and token are kept only once the sidecar accepted the token, with autoload off.
 *
 * @package ML_Connector
 */

use ML_Connector\Options;
use ML_Connector\Pairing;
use ML_Connector\Store_Connection;
use ML_Connector\Sidecar_Reach;

ml_case(
	'pairing: checked with GET /api/v1/connections first, then URL and token stored with autoload off',
	static function () {
		$seen = array();
		add_filter(
			'pre_http_request',
			static function ( $pre ) use ( &$seen ) {
				$seen[] = $GLOBALS['ml_options'];
				return $pre;
			}
		);
		ml_assert_same( true, Pairing::pair( ' http://127.0.0.1:8787/api/v1/ ', Fake_Http::TOKEN ), 'pair()' );
		ml_assert_same( array( array() ), $seen, 'nothing was stored while the sidecar was being asked' );
		$request = Fake_Http::$requests[0];
		ml_assert_same( array( 'GET', 'http://127.0.0.1:8787/api/v1/connections', 'Bearer ' . Fake_Http::TOKEN, 0 ), array( $request['method'], $request['url'], $request['args']['headers']['Authorization'], $request['args']['redirection'] ), 'the check (no redirects followed)' );
		ml_assert_same(
			array(
				Options::SIDECAR_URL => array( 'value' => 'http://127.0.0.1:8787', 'autoload' => 'no' ),
				Options::ADMIN_TOKEN => array( 'value' => Fake_Http::TOKEN, 'autoload' => 'no' ),
			),
			$GLOBALS['ml_options'],
			'normalised URL and token, autoload off'
		);
	}
);

ml_case(
	'pairing: a refused token, a non-sidecar or an unreachable address stores nothing',
	static function () {
		ml_assert_error( 'ml_connector_token_refused', Pairing::pair( 'http://127.0.0.1:8787', 'wrong-token' ), 'refused token' );
		Fake_Http::answer( 'GET /api/v1/connections', array( 200, array( 'hello' => 'world' ) ) );
		ml_assert_error( 'ml_connector_not_a_sidecar', Pairing::pair( 'http://127.0.0.1:8787', Fake_Http::TOKEN ), 'not a sidecar' );
		ml_assert_error( 'ml_connector_sidecar_unreachable', Pairing::pair( 'http://127.0.0.1:9999', Fake_Http::TOKEN ), 'nothing listening' );
		ml_assert_error( 'ml_connector_bad_url', Pairing::pair( 'ftp://127.0.0.1', Fake_Http::TOKEN ), 'not http' );
		ml_assert_error( 'ml_connector_bad_token', Pairing::pair( 'http://127.0.0.1:8787', 'two words' ), 'a token with a space' );
		ml_assert_same( array(), $GLOBALS['ml_options'], 'no option written' );
	}
);

ml_case(
	'pairing: an empty token keeps the saved one; another sidecar or unpairing is refused while connected',
	static function () {
		Pairing::pair( 'http://127.0.0.1:8787', Fake_Http::TOKEN );
		ml_assert_same( true, Pairing::pair( 'http://127.0.0.1:8787/', '' ), 're-check with the saved token' );
		ml_assert_same( 'Bearer ' . Fake_Http::TOKEN, Fake_Http::$requests[1]['args']['headers']['Authorization'], 'the saved token was used' );

		Sidecar_Reach::register();
		Store_Connection::connect( array( 'netsuite_account_id' => 'acct_1', 'master_location_id' => '12' ) );
		ml_assert_error( 'ml_connector_connected', Pairing::pair( 'http://127.0.0.1:8788', Fake_Http::TOKEN ), 'another sidecar while connected' );
		ml_assert_error( 'ml_connector_connected', Pairing::unpair(), 'unpair while connected' );
		Store_Connection::disconnect();
		ml_assert_same( true, Pairing::unpair(), 'unpair once disconnected' );
		ml_assert_same( array(), $GLOBALS['ml_options'], 'both options gone' );
	}
);

ml_case(
	'options: everything the plugin writes is autoload off and listed for uninstall',
	static function () {
		Pairing::pair( 'http://127.0.0.1:8787', Fake_Http::TOKEN );
		Sidecar_Reach::register();
		Store_Connection::connect( array( 'netsuite_account_id' => 'acct_1', 'master_location_id' => '12' ) );
		ml_assert_same( Options::all_names(), array_keys( $GLOBALS['ml_options'] ), 'the three options, all listed' );
		foreach ( $GLOBALS['ml_options'] as $name => $option ) {
			ml_assert_same( 'no', $option['autoload'], $name . ' autoload' );
		}
	}
);
