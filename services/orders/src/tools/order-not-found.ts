import { toolFailure } from '@shopchat/mcp-service';

/**
 * The one answer for an order number the customer cannot see, whether it does not exist or belongs to
 * someone else: identical wording, so it never confirms that another customer's order exists.
 */
export function orderNotFound(orderNumber: string) {
  return toolFailure(
    'order_not_found',
    `There is no order ${orderNumber} on this customer's account. Ask them to check the number (it looks like A-1042), or use list_my_orders to find it.`,
  );
}
