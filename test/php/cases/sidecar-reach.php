<?php
/**
 * Sidecar_Reach, through WordPress's own wp_http_validate_url() (the check behind wp_safe_remote_request(), which
 * WooCommerce delivers with): the sidecar's host and port get through, nothing else does.
 *
 * @package ML_Connector
 */

use ML_Connector\Options;
use ML_Connector\Sidecar_Reach;

ml_case(
	'reach: without the filters WordPress refuses the sidecar beside it',
	static function () {
		Options::save_pairing( 'http://127.0.0.1:8787', Fake_Http::TOKEN );
		ml_assert_same( false, wp_http_validate_url( 'http://127.0.0.1:8787/webhooks/woocommerce/conn_7' ), 'loopback on 8787' );
	}
);

ml_case(
	'reach: the sidecar host and port are allowed',
	static function () {
		Options::save_pairing( 'http://127.0.0.1:8787', Fake_Http::TOKEN );
		Sidecar_Reach::register();
		$url = 'http://127.0.0.1:8787/webhooks/woocommerce/conn_7';
		ml_assert_same( $url, wp_http_validate_url( $url ), 'the sidecar' );
	}
);

ml_case(
	'reach: another host on the sidecar port is refused',
	static function () {
		Options::save_pairing( 'http://127.0.0.1:8787', Fake_Http::TOKEN );
		Sidecar_Reach::register();
		foreach ( array( 'http://127.0.0.2:8787/', 'http://10.0.0.5:8787/', 'http://192.168.1.9:8787/', 'http://172.16.0.1:8787/' ) as $url ) {
			ml_assert_same( false, wp_http_validate_url( $url ), $url );
		}
	}
);

ml_case(
	'reach: the sidecar host on any other port is refused, the default ports included',
	static function () {
		Options::save_pairing( 'http://127.0.0.1:8787', Fake_Http::TOKEN );
		Sidecar_Reach::register();
		foreach ( array( 'http://127.0.0.1:9000/', 'http://127.0.0.1:22/', 'http://127.0.0.1/', 'http://127.0.0.1:8080/', 'https://127.0.0.1/wp-admin/' ) as $url ) {
			ml_assert_same( false, wp_http_validate_url( $url ), $url );
		}
	}
);

ml_case(
	'reach: a webhookUrl on another address (MLC_PUBLIC_URL) is allowed with its own port only',
	static function () {
		Options::save_pairing( 'http://127.0.0.1:8787', Fake_Http::TOKEN );
		Options::save_connection( array( 'webhook_url' => 'http://172.20.0.5:8788/webhooks/woocommerce/conn_7' ) );
		Sidecar_Reach::register();
		ml_assert_same( 'http://172.20.0.5:8788/webhooks/woocommerce/conn_7', wp_http_validate_url( 'http://172.20.0.5:8788/webhooks/woocommerce/conn_7' ), 'the public address' );
		ml_assert_same( 'http://127.0.0.1:8787/x', wp_http_validate_url( 'http://127.0.0.1:8787/x' ), 'the paired address' );
		ml_assert_same( false, wp_http_validate_url( 'http://172.20.0.5:8787/' ), 'public host, paired port' );
		ml_assert_same( false, wp_http_validate_url( 'http://127.0.0.1:8788/' ), 'paired host, public port' );
	}
);

ml_case(
	'reach: other hosts keep the answer WordPress or another filter gave; unpaired, nothing is widened',
	static function () {
		ml_assert_same( false, Sidecar_Reach::host_is_external( false, '127.0.0.1', 'http://127.0.0.1:8787/' ), 'unpaired' );
		Options::save_pairing( 'http://127.0.0.1:8787', Fake_Http::TOKEN );
		ml_assert_same( true, Sidecar_Reach::host_is_external( true, '10.1.1.1', 'http://10.1.1.1/' ), 'another filter\'s true kept' );
		ml_assert_same( false, Sidecar_Reach::host_is_external( false, '10.1.1.1', 'http://10.1.1.1:8787/' ), 'false kept' );
		ml_assert_same( array( 80, 443, 8080 ), Sidecar_Reach::allowed_ports( array( 80, 443, 8080 ), 'example.org', 'http://example.org:8787/' ), 'ports of another host untouched' );
		ml_assert_same( array( 80, 443, 8080, 8787 ), Sidecar_Reach::allowed_ports( array( 80, 443, 8080 ), '127.0.0.1', 'http://127.0.0.1:8787/' ), 'the sidecar port added for its host' );
	}
);
