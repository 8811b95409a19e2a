<?php
/**
 * A recording stand-in for `$wpdb` with the three writes the plugin and WooCommerce's webhook data store make:
 * insert() (returns 1 or false, sets insert_id from the table's auto-increment key), update() and delete() (return
 * the number of rows touched, or false). Rows live in memory per table; every call is kept in $calls.
 *
 * @package ML_Connector
 */

final class Fake_Wpdb {

	/** @var string */
	public $prefix = 'wp_';

	/** @var int */
	public $insert_id = 0;

	/** @var array<string, array<int, array>> Table → primary key → row. */
	public $tables = array();

	/** @var array<int, array{0: string, 1: string, 2: array, 3: mixed}> method, table, data or where, format. */
	public $calls = array();

	/** @var bool The next insert fails as a database error would (wpdb::insert() returns false). */
	public $fail_next_insert = false;

	/** Auto-increment keys of the tables in play. */
	const KEYS = array(
		'wp_woocommerce_api_keys' => 'key_id',
		'wp_wc_webhooks'          => 'webhook_id',
	);

	/** @var array<string, int> */
	private $next_id = array();

	public function insert( $table, $data, $format = null ) {
		$this->calls[] = array( 'insert', $table, $data, $format );
		ml_event( 'insert ' . $table );
		if ( $this->fail_next_insert ) {
			$this->fail_next_insert = false;
			return false;
		}
		$key = self::KEYS[ $table ];
		$id  = $this->next_id[ $table ] = ( $this->next_id[ $table ] ?? 40 ) + 1;

		$this->tables[ $table ][ $id ] = array( $key => $id ) + $data;
		$this->insert_id               = $id;
		return 1;
	}

	public function update( $table, $data, $where, $format = null, $where_format = null ) {
		$this->calls[] = array( 'update', $table, $where, $format );
		$count         = 0;
		foreach ( $this->matching( $table, $where ) as $id ) {
			$this->tables[ $table ][ $id ] = array_merge( $this->tables[ $table ][ $id ], $data );
			++$count;
		}
		return $count;
	}

	public function delete( $table, $where, $where_format = null ) {
		$this->calls[] = array( 'delete', $table, $where, $where_format );
		ml_event( 'delete ' . $table );
		$count         = 0;
		foreach ( $this->matching( $table, $where ) as $id ) {
			unset( $this->tables[ $table ][ $id ] );
			++$count;
		}
		return $count;
	}

	/** Rows of a table, [] when none. */
	public function rows( $table ) {
		return $this->tables[ $this->prefix . $table ] ?? array();
	}

	/** The calls made on one table. */
	public function calls_on( $table ) {
		return array_values(
			array_filter(
				$this->calls,
				function ( $call ) use ( $table ) {
					return $this->prefix . $table === $call[1];
				}
			)
		);
	}

	private function matching( $table, array $where ) {
		$ids = array();
		foreach ( $this->tables[ $table ] ?? array() as $id => $row ) {
			$match = true;
			foreach ( $where as $column => $value ) {
				$match = $match && isset( $row[ $column ] ) && (string) $row[ $column ] === (string) $value;
			}
			if ( $match ) {
				$ids[] = $id;
			}
		}
		return $ids;
	}
}
