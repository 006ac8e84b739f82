import type { AnyToolDefinition } from '@shopchat/mcp-service';
import type { OrderRepository } from '../orders/order-repository.ts';
import { createCancelOrderTool } from './cancel-order-tool.ts';
import { createGetOrderTool } from './get-order-tool.ts';
import { createListMyOrdersTool } from './list-my-orders-tool.ts';
import { createStartReturnTool } from './start-return-tool.ts';
import { createTrackShipmentTool } from './track-shipment-tool.ts';

export interface OrderToolsOptions {
  /** The clock cancellations, returns and return windows are judged by. Default: the system clock. */
  now?: () => Date;
}

/**
 * The order server's tools over a repository. A factory rather than a constant, so the service injects
 * its database (and tests their clock). Adding a capability means adding one definition here.
 */
export function createOrderTools(repo: OrderRepository, options: OrderToolsOptions = {}): AnyToolDefinition[] {
  const now = options.now ?? (() => new Date());
  return [
    createListMyOrdersTool(repo),
    createGetOrderTool(repo, now),
    createTrackShipmentTool(repo),
    createCancelOrderTool(repo, now),
    createStartReturnTool(repo, now),
  ];
}
