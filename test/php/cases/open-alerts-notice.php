<?php
/**
 * The "N open alerts" admin notice: fed by the sidecar's open alerts, reused for five minutes, escaped, and shown only
 * to those who manage WooCommerce.
 *
 * @package ML_Connector
 */

use ML_Connector\Admin_Notices;
use ML_Connector\Pairing;

if ( ! class_exists( 'WooCommerce' ) ) {
	// phpcs:ignore Generic.Files.OneObjectStructurePerFile.MultipleFound -- the notice only checks that it exists.
	final class WooCommerce {}
}

/** The admin notices as printed. */
function ml_rendered_notices() {
	ob_start();
	Admin_Notices::render();
	return (string) ob_get_clean();
}

ml_case(
	'alerts notice: counts the open alerts, links to the screen, and asks the sidecar once per five minutes',
	static function () {
		Pairing::pair( 'http://127.0.0.1:8787', Fake_Http::TOKEN );
		$alert = array(
			'id'      => 'a1',
			'message' => '<script>alert(1)</script>',
		);
		Fake_Http::answer(
			'GET /api/v1/alerts',
			array(
				200,
				array(
					'items'      => array( $alert, $alert, $alert ),
					'nextCursor' => null,
				),
			)
		);
		$html = ml_rendered_notices();
		ml_assert( false !== strpos( $html, '3 open alerts — see WooCommerce → NetSuite.' ), "the count is shown: $html" );
		ml_assert( false !== strpos( $html, 'admin.php?page=ml-connector' ), 'with a link to the screen' );
		ml_assert_absent( '<script>', $html, 'nothing from the sidecar printed raw' );
		$sent = Fake_Http::sent( 'GET /api/v1/alerts' );
		ml_assert_same( 1, count( $sent ), 'one request' );
		ml_assert( false !== strpos( $sent[0]['url'], 'acknowledged=false' ), 'for open alerts only' );

		ml_rendered_notices();
		ml_assert_same( 1, count( Fake_Http::sent( 'GET /api/v1/alerts' ) ), 'the second page view reuses the count' );
	}
);

ml_case(
	'alerts notice: none open, the sidecar failing, or a user who cannot manage WooCommerce → no notice',
	static function () {
		Pairing::pair( 'http://127.0.0.1:8787', Fake_Http::TOKEN );
		Fake_Http::answer(
			'GET /api/v1/alerts',
			array(
				200,
				array(
					'items'      => array(),
					'nextCursor' => null,
				),
			)
		);
		ml_assert_absent( 'open alert', ml_rendered_notices(), 'none open' );

		delete_transient( Admin_Notices::ALERTS_TRANSIENT );
		Fake_Http::answer( 'GET /api/v1/alerts', array( 500, array( 'error' => array( 'code' => 'INTERNAL_ERROR', 'message' => 'x' ) ) ) );
		ml_assert_absent( 'open alert', ml_rendered_notices(), 'sidecar failing' );

		delete_transient( Admin_Notices::ALERTS_TRANSIENT );
		$GLOBALS['ml_current_user'] = 0;
		ml_assert_same( '', ml_rendered_notices(), 'no capability, no notice' );
	}
);

ml_case(
	'alerts notice: a full page of open alerts shows as 200+',
	static function () {
		Pairing::pair( 'http://127.0.0.1:8787', Fake_Http::TOKEN );
		Fake_Http::answer(
			'GET /api/v1/alerts',
			array(
				200,
				array(
					'items'      => array_fill( 0, 200, array( 'id' => 'a' ) ),
					'nextCursor' => 'a',
				),
			)
		);
		ml_assert( false !== strpos( ml_rendered_notices(), '200+ open alerts' ), 'shown as 200+' );
	}
);
