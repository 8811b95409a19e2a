<?php
/**
 * The settings screen under WooCommerce → NetSuite.
 *
 * @package ML_Connector
 */

namespace ML_Connector;

defined( 'ABSPATH' ) || exit;

/**
 * Renders the root the React admin UI mounts on (`#ml-connector-admin`, once plugin/build/ exists) and, until then,
 * plain PHP forms for pairing, Connect, Disconnect and re-enabling webhooks. Each form posts to admin-post.php with
 * its own nonce and is checked for `manage_woocommerce` before anything runs.
 */
final class Admin_Page {

	const SLUG = 'ml-connector';

	/** Form actions (admin-post.php `action`) → handler. */
	const ACTIONS = array(
		'ml_connector_pair'             => 'handle_pair',
		'ml_connector_unpair'           => 'handle_unpair',
		'ml_connector_connect'          => 'handle_connect',
		'ml_connector_disconnect'       => 'handle_disconnect',
		'ml_connector_activate_webhook' => 'handle_activate_webhook',
	);

	/** Hooks the menu, the assets and the form handlers. */
	public static function register() {
		add_action( 'admin_menu', array( self::class, 'add_menu' ) );
		add_action( 'admin_enqueue_scripts', array( self::class, 'enqueue' ) );
		foreach ( self::ACTIONS as $action => $handler ) {
			add_action( 'admin_post_' . $action, array( self::class, $handler ) );
		}
	}

	/** WooCommerce → NetSuite. */
	public static function add_menu() {
		add_submenu_page( 'woocommerce', __( 'NetSuite', 'ml-connector' ), __( 'NetSuite', 'ml-connector' ), 'manage_woocommerce', self::SLUG, array( self::class, 'render' ) );
	}

	/**
	 * Loads the built admin UI on this screen (not in the `classic` view of the PHP forms).
	 *
	 * @param string $hook_suffix The screen being loaded.
	 */
	public static function enqueue( $hook_suffix ) {
		if ( 'woocommerce_page_' . self::SLUG !== $hook_suffix || self::is_classic() ) {
			return;
		}
		self::enqueue_entry( 'index' );
	}

	/**
	 * Enqueues one built entry (`build/{entry}.js`, its stylesheet) when it exists, with the REST root and nonce it
	 * must be given explicitly (a bundled api-fetch is not the one WordPress sets up).
	 *
	 * @param string $entry The entry's name: `index` (this page) or `dashboard-widget`.
	 */
	public static function enqueue_entry( $entry ) {
		$asset_file = ML_CONNECTOR_DIR . 'build/' . $entry . '.asset.php';
		if ( ! is_readable( $asset_file ) ) {
			return;
		}
		$handle = 'ml-connector-' . $entry;
		$asset  = require $asset_file;
		wp_enqueue_script( $handle, plugins_url( 'build/' . $entry . '.js', ML_CONNECTOR_FILE ), $asset['dependencies'] ?? array(), $asset['version'] ?? ML_CONNECTOR_VERSION, true );
		if ( is_readable( ML_CONNECTOR_DIR . 'build/' . $entry . '.css' ) ) {
			wp_enqueue_style( $handle, plugins_url( 'build/' . $entry . '.css', ML_CONNECTOR_FILE ), array(), $asset['version'] ?? ML_CONNECTOR_VERSION );
		}
		wp_add_inline_script(
			$handle,
			'window.mlConnector = ' . wp_json_encode(
				array(
					'restRoot'   => esc_url_raw( rest_url() ),
					'namespace'  => Rest_Access::NAMESPACE,
					'nonce'      => wp_create_nonce( 'wp_rest' ),
					'pageUrl'    => esc_url_raw( admin_url( 'admin.php?page=' . self::SLUG ) ),
					'classicUrl' => esc_url_raw( admin_url( 'admin.php?page=' . self::SLUG . '&classic=1' ) ),
				)
			) . ';',
			'before'
		);
		// Both entries (this page's and the dashboard widget's) come here; their JSON translations ship in languages/.
		wp_set_script_translations( $handle, 'ml-connector', plugin_dir_path( ML_CONNECTOR_FILE ) . 'languages' );
	}

	/** The screen. */
	public static function render() {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			wp_die( esc_html__( 'You are not allowed to manage the NetSuite connection.', 'ml-connector' ) );
		}
		echo '<div class="wrap"><h1>' . esc_html__( 'NetSuite', 'ml-connector' ) . '</h1>';
		self::render_flash();
		echo '<div id="ml-connector-admin">';
		if ( ! is_readable( ML_CONNECTOR_DIR . 'build/index.asset.php' ) || self::is_classic() ) {
			self::render_pairing();
			if ( Options::is_paired() ) {
				self::render_store();
			}
		}
		echo '</div></div>';
	}

	/**
	 * Whether the PHP forms are asked for (`&classic=1`): pairing lives there (the React UI's calls need it first),
	 * and the React UI's Connection tab links here to pair again.
	 */
	private static function is_classic() {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- only chooses which view to show.
		return isset( $_GET['classic'] ) && '1' === sanitize_key( wp_unslash( $_GET['classic'] ) );
	}

	/** The pairing form; the token field is never filled in. */
	private static function render_pairing() {
		echo '<h2>' . esc_html__( 'Sidecar', 'ml-connector' ) . '</h2>';
		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
		wp_nonce_field( 'ml_connector_pair' );
		echo '<input type="hidden" name="action" value="ml_connector_pair" />';
		echo '<table class="form-table" role="presentation"><tr><th scope="row"><label for="ml-connector-url">' . esc_html__( 'Sidecar URL', 'ml-connector' ) . '</label></th>';
		echo '<td><input type="url" class="regular-text" id="ml-connector-url" name="sidecar_url" required placeholder="http://127.0.0.1:8787" value="' . esc_attr( Options::sidecar_url() ) . '" /></td></tr>';
		echo '<tr><th scope="row"><label for="ml-connector-token">' . esc_html__( 'Admin token', 'ml-connector' ) . '</label></th>';
		echo '<td><input type="password" class="regular-text" id="ml-connector-token" name="admin_token" autocomplete="off" value="" />';
		echo '<p class="description">' . esc_html(
			Options::is_paired()
				? __( 'A token is saved. Leave this empty to keep it.', 'ml-connector' )
				: __( 'MLC_ADMIN_TOKEN, or the admin-token file the sidecar printed at its first start. It stays on this server.', 'ml-connector' )
		) . '</p></td></tr></table>';
		submit_button( Options::is_paired() ? __( 'Check and save', 'ml-connector' ) : __( 'Pair with the sidecar', 'ml-connector' ) );
		echo '</form>';
	}

	/** Connect, or the connection with its webhooks and Disconnect. */
	private static function render_store() {
		$state = Options::connection();
		echo '<h2>' . esc_html__( 'This store', 'ml-connector' ) . '</h2>';

		if ( empty( $state ) ) {
			$response = Sidecar_Client::request( 'GET', '/netsuite-accounts' );
			$error    = Sidecar_Client::error_of( $response );
			$accounts = ( ! $error && isset( $response['body']['items'] ) && is_array( $response['body']['items'] ) ) ? $response['body']['items'] : array();
			if ( $error ) {
				Admin_Notices::notice( 'error', $error->get_error_message() );
				return;
			}
			if ( empty( $accounts ) ) {
				echo '<p>' . esc_html__( 'Register a NetSuite account with the sidecar first (POST /api/v1/netsuite-accounts); it then shows here.', 'ml-connector' ) . '</p>';
				return;
			}
			echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
			wp_nonce_field( 'ml_connector_connect' );
			echo '<input type="hidden" name="action" value="ml_connector_connect" />';
			echo '<table class="form-table" role="presentation"><tr><th scope="row"><label for="ml-connector-account">' . esc_html__( 'NetSuite account', 'ml-connector' ) . '</label></th><td><select id="ml-connector-account" name="netsuite_account_id">';
			foreach ( $accounts as $account ) {
				printf( '<option value="%1$s">%2$s</option>', esc_attr( (string) ( $account['id'] ?? '' ) ), esc_html( (string) ( $account['accountId'] ?? '' ) ) );
			}
			echo '</select></td></tr><tr><th scope="row"><label for="ml-connector-location">' . esc_html__( 'NetSuite location id', 'ml-connector' ) . '</label></th>';
			echo '<td><input type="text" inputmode="numeric" pattern="[0-9]+" required id="ml-connector-location" name="master_location_id" />';
			echo '<p class="description">' . esc_html__( 'Internal id of the location that fulfils orders no routing rule claims.', 'ml-connector' ) . '</p></td></tr></table>';
			echo '<p>' . esc_html__( 'Connect creates a WooCommerce REST API key for the sidecar, registers this store with it and creates the WooCommerce webhooks that send orders, refunds and customers. No secret needs copying.', 'ml-connector' ) . '</p>';
			submit_button( __( 'Connect in one click', 'ml-connector' ) );
			echo '</form>';
			return;
		}

		if ( empty( $state['connected_at'] ) ) {
			Admin_Notices::notice( 'warning', __( 'A Connect did not finish. Disconnect to clean up what it made, then connect again.', 'ml-connector' ) );
		} else {
			/* translators: %s: the URL WooCommerce delivers webhooks to. */
			echo '<p>' . esc_html( sprintf( __( 'Connected. WooCommerce delivers to %s.', 'ml-connector' ), $state['webhook_url'] ?? '' ) ) . '</p>';
		}
		self::render_webhooks( $state['webhook_ids'] ?? array() );

		echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
		wp_nonce_field( 'ml_connector_disconnect' );
		echo '<input type="hidden" name="action" value="ml_connector_disconnect" />';
		submit_button( __( 'Disconnect', 'ml-connector' ), 'delete' );
		echo '</form>';
	}

	/**
	 * Webhook health: a disabled webhook means WooCommerce stopped delivering its events after failures.
	 *
	 * @param int[] $ids The plugin's webhook ids.
	 */
	private static function render_webhooks( array $ids ) {
		$rows = WooCommerce_Webhooks::health( $ids );
		if ( empty( $rows ) ) {
			return;
		}
		echo '<table class="widefat striped"><thead><tr><th>' . esc_html__( 'Webhook', 'ml-connector' ) . '</th><th>' . esc_html__( 'Status', 'ml-connector' ) . '</th><th>' . esc_html__( 'Failed deliveries in a row', 'ml-connector' ) . '</th><th></th></tr></thead><tbody>';
		foreach ( $rows as $row ) {
			echo '<tr><td>' . esc_html( $row['topic'] ) . '</td><td>' . esc_html( $row['status'] ) . '</td><td>' . esc_html( (string) $row['failureCount'] ) . '</td><td>';
			if ( 'active' !== $row['status'] && 'missing' !== $row['status'] ) {
				echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
				wp_nonce_field( 'ml_connector_activate_webhook_' . $row['id'] );
				echo '<input type="hidden" name="action" value="ml_connector_activate_webhook" /><input type="hidden" name="webhook_id" value="' . esc_attr( (string) $row['id'] ) . '" />';
				submit_button( __( 'Re-enable', 'ml-connector' ), 'secondary small', 'submit', false );
				echo '</form>';
			}
			echo '</td></tr>';
		}
		echo '</tbody></table>';
	}

	/** Saves the pairing. */
	public static function handle_pair() {
		self::guard( 'ml_connector_pair' );
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- checked in guard().
		$url   = isset( $_POST['sidecar_url'] ) ? sanitize_text_field( wp_unslash( $_POST['sidecar_url'] ) ) : '';
		// A token is printable ASCII; sanitize_text_field() would strip sequences such as "%ab" out of it.
		$token = isset( $_POST['admin_token'] ) ? (string) preg_replace( '/[^\x21-\x7E]/', '', wp_unslash( $_POST['admin_token'] ) ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- sanitised by the pattern.
		// phpcs:enable
		self::finish( Pairing::pair( $url, $token ), __( 'Paired: the sidecar accepted the token.', 'ml-connector' ) );
	}

	/** Forgets the pairing. */
	public static function handle_unpair() {
		self::guard( 'ml_connector_unpair' );
		self::finish( Pairing::unpair(), __( 'The sidecar pairing was removed.', 'ml-connector' ) );
	}

	/** Connect in one click. */
	public static function handle_connect() {
		self::guard( 'ml_connector_connect' );
		// phpcs:disable WordPress.Security.NonceVerification.Missing -- checked in guard().
		$input = array(
			'netsuite_account_id' => isset( $_POST['netsuite_account_id'] ) ? sanitize_text_field( wp_unslash( $_POST['netsuite_account_id'] ) ) : '',
			'master_location_id'  => isset( $_POST['master_location_id'] ) ? sanitize_text_field( wp_unslash( $_POST['master_location_id'] ) ) : '',
		);
		// phpcs:enable
		self::finish( Store_Connection::connect( $input ), __( 'Connected: WooCommerce now sends orders, refunds and customers to the sidecar.', 'ml-connector' ) );
	}

	/** Disconnect. */
	public static function handle_disconnect() {
		self::guard( 'ml_connector_disconnect' );
		self::finish( Store_Connection::disconnect(), __( 'Disconnected: the webhooks, the sidecar’s connection and the REST API key were removed.', 'ml-connector' ) );
	}

	/** Re-enables one webhook. */
	public static function handle_activate_webhook() {
		$id = isset( $_POST['webhook_id'] ) ? absint( $_POST['webhook_id'] ) : 0; // phpcs:ignore WordPress.Security.NonceVerification.Missing -- the nonce names the id and is checked next.
		self::guard( 'ml_connector_activate_webhook_' . $id );
		$state = Options::connection();
		self::finish( WooCommerce_Webhooks::activate( $id, $state['webhook_ids'] ?? array() ), __( 'The webhook is active again.', 'ml-connector' ) );
	}

	/**
	 * Stops a form post without the capability or a valid nonce.
	 *
	 * @param string $action Nonce action.
	 */
	private static function guard( $action ) {
		if ( ! current_user_can( 'manage_woocommerce' ) ) {
			wp_die( esc_html__( 'You are not allowed to manage the NetSuite connection.', 'ml-connector' ), '', array( 'response' => 403 ) );
		}
		check_admin_referer( $action );
	}

	/**
	 * Keeps the outcome for the next page view (per user, a minute) and goes back to the screen.
	 *
	 * @param true|array|\WP_Error $result  What the action returned.
	 * @param string               $success Message when it worked.
	 */
	private static function finish( $result, $success ) {
		$flash = is_wp_error( $result ) ? array( 'error', $result->get_error_message() ) : array( 'success', $success );
		set_transient( 'ml_connector_flash_' . get_current_user_id(), $flash, MINUTE_IN_SECONDS );
		wp_safe_redirect( admin_url( 'admin.php?page=' . self::SLUG ) );
		exit;
	}

	/** Shows the last action's outcome once. */
	private static function render_flash() {
		$key   = 'ml_connector_flash_' . get_current_user_id();
		$flash = get_transient( $key );
		if ( is_array( $flash ) && 2 === count( $flash ) ) {
			delete_transient( $key );
			Admin_Notices::notice( (string) $flash[0], (string) $flash[1] );
		}
	}
}
