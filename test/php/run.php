<?php
/**
 * Runs every case in cases/*.php, each from a fresh state, and prints one JSON line per case:
 * `{"case": "…", "ok": true}` or `{"case": "…", "ok": false, "error": "…"}`. Exit code 1 when any failed.
 *
 * Usage: php test/php/run.php [substring of case names]; `--list` prints the case names, one JSON string a line.
 *
 * @package ML_Connector
 */

require __DIR__ . '/bootstrap.php';
require __DIR__ . '/assert.php';

// A notice or warning in the plugin is a failure of the case that caused it.
set_error_handler(
	static function ( $severity, $message, $file, $line ) {
		throw new ErrorException( $message, 0, $severity, $file, $line );
	}
);

$ml_cases = array();
function ml_case( $name, callable $body ) {
	$GLOBALS['ml_cases'][ $name ] = $body;
}
foreach ( glob( __DIR__ . '/cases/*.php' ) as $ml_file ) {
	require $ml_file;
}

if ( '--list' === ( $argv[1] ?? '' ) ) {
	foreach ( array_keys( $ml_cases ) as $ml_name ) {
		echo json_encode( $ml_name, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ), "\n";
	}
	exit( 0 );
}

$ml_filter = $argv[1] ?? '';
$ml_failed = 0;
foreach ( $ml_cases as $ml_name => $ml_body ) {
	if ( '' !== $ml_filter && false === strpos( $ml_name, $ml_filter ) ) {
		continue;
	}
	ml_test_reset();
	$ml_result = array( 'case' => $ml_name, 'ok' => true );
	ob_start();
	try {
		$ml_body();
	} catch ( Throwable $e ) {
		$ml_result = array(
			'case'  => $ml_name,
			'ok'    => false,
			'error' => get_class( $e ) . ': ' . $e->getMessage() . ' at ' . basename( $e->getFile() ) . ':' . $e->getLine(),
		);
		++$ml_failed;
	}
	ob_end_clean();
	echo json_encode( $ml_result, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ), "\n";
}
exit( $ml_failed ? 1 : 0 );
