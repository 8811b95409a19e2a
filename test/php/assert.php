<?php
/**
 * The harness's assertions: each throws with what was expected and what came.
 *
 * @package ML_Connector
 */

final class ML_Assertion_Failed extends Exception {
}

function ml_assert( $condition, $message ) {
	if ( true !== $condition ) {
		throw new ML_Assertion_Failed( $message );
	}
}

function ml_assert_same( $expected, $actual, $message ) {
	if ( $expected !== $actual ) {
		throw new ML_Assertion_Failed( $message . "\n  expected: " . var_export( $expected, true ) . "\n  actual:   " . var_export( $actual, true ) );
	}
}

function ml_assert_error( $code, $result, $message ) {
	ml_assert( is_wp_error( $result ), $message . ': expected WP_Error ' . $code . ', got ' . var_export( $result, true ) );
	ml_assert_same( $code, $result->get_error_code(), $message . ' (error code)' );
}

/** Fails when $needle occurs anywhere in $haystack (a string, or anything var_export can print). */
function ml_assert_absent( $needle, $haystack, $message ) {
	$text = is_string( $haystack ) ? $haystack : var_export( $haystack, true );
	ml_assert( false === strpos( $text, $needle ), $message );
}
