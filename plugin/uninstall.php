<?php
/**
 * Removes what the plugin stored when it is deleted from the Plugins screen.
 *
 * A store still connected is disconnected first, as far as it can be (its webhooks and REST API key are removed
 * even when the sidecar cannot be reached), so no read/write key or webhook outlives the plugin.
 *
 * @package ML_Connector
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

define( 'ML_CONNECTOR_DIR', __DIR__ . '/' );
foreach ( array( 'options', 'sidecar-client', 'woocommerce-api-key', 'woocommerce-webhooks', 'store-connection' ) as $ml_connector_file ) {
	require_once __DIR__ . '/includes/class-' . $ml_connector_file . '.php';
}

if ( array() !== ML_Connector\Options::connection() && class_exists( 'WC_Webhook' ) ) {
	ML_Connector\Store_Connection::disconnect( true );
}

foreach ( ML_Connector\Options::all_names() as $ml_connector_option ) {
	delete_option( $ml_connector_option );
}
delete_transient( ML_Connector\Options::HEALTH_TRANSIENT );
