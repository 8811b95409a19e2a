/** The simulated site's switches, set at creation and by `POST /__sim/reset`; every default is WooCommerce's. */
export interface WooSimSettings {
  /** `home_url()`: what OAuth signatures and `_links` are built from. Default: the address the simulator listens on. */
  homeUrl: string | undefined;
  /** `is_ssl()`: HTTP Basic is only tried over SSL (a TLS proxy in front would make it true). Default false. */
  ssl: boolean;
  wcVersion: string;
  wpVersion: string;
  /** The site's UTC offset: `date_*` are local, `date_*_gmt` UTC. Default 0, as in the recordings. */
  utcOffsetMinutes: number;
  currency: string;
  /** `wp_salt('auth')`: the key `wp_hash` derives delivery ids with. */
  authSalt: string;
  /**
   * `manual` (default): deliveries wait in the queue until `POST /__sim/deliveries/flush`, the way Action Scheduler
   * holds them until its runner comes; `auto`: delivered right after the operation that queued them.
   */
  deliveryMode: 'manual' | 'auto';
  /** `MINUTE_IN_SECONDS`: a delivery's timeout (default 60 000 ms). */
  deliveryTimeoutMs: number;
  /** `wp_safe_remote_post`'s default: a ping's timeout (default 5 000 ms). */
  pingTimeoutMs: number;
  /** Filter `woocommerce_max_webhook_delivery_failures` (default 5: disabled on the 7th consecutive failure). */
  maxDeliveryFailures: number;
  /**
   * `wp_safe_remote_request`'s URL check: private and loopback hosts and ports other than 80, 443 and 8080 refused.
   * Default false: a test setup has the `http_request_host_is_external` / `http_allowed_safe_ports` filters a real
   * store would need to reach a sidecar on 127.0.0.1.
   */
  enforceSafeUrls: boolean;
  /** First id of the shared post sequence (products, orders, refunds). */
  firstPostId: number;
  /**
   * Whether the paid Shipment Tracking extension is active (storefronts spec §1.7): its REST namespace
   * `wc-shipment-tracking/v3` answers; otherwise WordPress answers its routes `rest_no_route`. Default false.
   */
  shipmentTracking: boolean;
}

export const DEFAULT_SETTINGS: WooSimSettings = {
  homeUrl: undefined,
  ssl: false,
  wcVersion: '11.0.1',
  wpVersion: '7.0.4',
  utcOffsetMinutes: 0,
  currency: 'USD',
  authSalt: 'ml-connector-woocommerce-simulator-auth-keyml-connector-woocommerce-simulator-auth-salt',
  deliveryMode: 'manual',
  deliveryTimeoutMs: 60_000,
  pingTimeoutMs: 5_000,
  maxDeliveryFailures: 5,
  enforceSafeUrls: false,
  firstPostId: 10,
  shipmentTracking: false,
};
