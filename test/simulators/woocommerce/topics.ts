/** WooCommerce's topic → hook map (`WC_Webhook::get_default_topic_hooks()`, spec §1.1) and topic validation. */

const TOPIC_HOOKS: Record<string, string[]> = {
  'coupon.created': ['woocommerce_process_shop_coupon_meta', 'woocommerce_new_coupon'],
  'coupon.updated': ['woocommerce_process_shop_coupon_meta', 'woocommerce_update_coupon'],
  'coupon.deleted': ['wp_trash_post'],
  'coupon.restored': ['untrashed_post'],
  'customer.created': ['user_register', 'woocommerce_created_customer', 'woocommerce_new_customer'],
  'customer.updated': ['profile_update', 'woocommerce_update_customer'],
  'customer.deleted': ['delete_user'],
  'order.created': ['woocommerce_new_order'],
  'order.updated': ['woocommerce_update_order', 'woocommerce_order_refunded', 'woocommerce_delete_order_refund'],
  'order.deleted': ['wp_trash_post', 'woocommerce_trash_order'],
  'order.restored': ['untrashed_post', 'woocommerce_untrash_order'],
  'product.created': [
    'woocommerce_process_product_meta',
    'woocommerce_new_product',
    'woocommerce_new_product_variation',
  ],
  'product.updated': [
    'woocommerce_process_product_meta',
    'woocommerce_update_product',
    'woocommerce_update_product_variation',
  ],
  'product.deleted': ['wp_trash_post'],
  'product.restored': ['untrashed_post'],
  'product.published': ['woocommerce_product_published'],
};

const REFUSED_ACTIONS = new Set([
  'action.woocommerce_login_credentials',
  'action.woocommerce_product_csv_importer_check_import_file_path',
  'action.woocommerce_webhook_should_deliver',
]);

/** `wc_is_webhook_valid_topic`. */
export function isValidTopic(topic: string): boolean {
  if (topic.startsWith('action.woocommerce_') || topic.startsWith('action.wc_')) return !REFUSED_ACTIONS.has(topic);
  return topic in TOPIC_HOOKS;
}

/** The hooks a webhook of `topic` listens to; an action topic listens to its own hook. */
export function hooksOf(topic: string): string[] {
  if (topic.startsWith('action.')) return [topic.slice('action.'.length)];
  return TOPIC_HOOKS[topic] ?? [];
}
