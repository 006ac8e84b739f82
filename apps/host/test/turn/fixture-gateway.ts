import type { GatewayCallOptions, GatewayTool, GatewayToolResult, ToolGateway } from '../../src/turn/tool-gateway.ts';

/**
 * A tool gateway over in-test handlers: the loop's unit tests drive the real runner against model-sim
 * without MCP servers (the end-to-end tests use the real catalogue and servers).
 */
export interface FixtureGateway extends ToolGateway {
  calls: { name: string; input: unknown; customerId?: string }[];
  down: Set<string>;
}

type Handler = (input: Record<string, unknown>, options: GatewayCallOptions) => Promise<GatewayToolResult>;

const ok = (structuredContent: Record<string, unknown>, text: string): GatewayToolResult => ({
  structuredContent,
  content: [{ type: 'text', text }],
});

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };
const destructive = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false };

export function createFixtureGateway(): FixtureGateway {
  const tools: (GatewayTool & { handler: Handler })[] = [
    {
      name: 'track_shipment',
      server: 'orders',
      title: 'Track a shipment',
      description:
        'Track the delivery of one of the signed-in customer\'s orders: carrier, parcel status, latest scans and expected delivery. Use it for "where is my order A-1042?". Needs the order number (like A-1042).',
      inputSchema: {
        type: 'object',
        properties: {
          order_number: {
            type: 'string',
            description: 'The order number, like A-1042',
            pattern: '^[A-Za-z]-?\\d{3,6}$',
          },
        },
        required: ['order_number'],
      },
      annotations: readOnly,
      handler: async (input, options) =>
        options.customerId
          ? ok(
              {
                order_number: input.order_number,
                carrier: 'DHL',
                status: 'in_transit',
                estimated_delivery: '2026-11-23',
              },
              `Order ${input.order_number} is in transit with DHL.`,
            )
          : { isError: true, content: [{ type: 'text', text: 'Please sign in first.' }] },
    },
    {
      name: 'cancel_order',
      server: 'orders',
      title: 'Cancel an order',
      description:
        "Cancel one of the signed-in customer's orders. Only placed or paid orders can be cancelled. The customer must confirm before it runs. Needs the order number (like A-1042).",
      inputSchema: {
        type: 'object',
        properties: {
          order_number: {
            type: 'string',
            description: 'The order number to cancel, like A-1042',
            pattern: '^[A-Za-z]-?\\d{3,6}$',
          },
        },
        required: ['order_number'],
      },
      annotations: destructive,
      // Its server declares the preview capability, as the kit's servers do.
      previewable: true,
      handler: async (input) =>
        ok({ order_number: input.order_number, status: 'cancelled' }, `Order ${input.order_number} is cancelled.`),
    },
    {
      name: 'search_docs',
      server: 'docs',
      title: 'Search the help center',
      description:
        'Search the shop’s help-center articles: shipping, delivery times, returns, warranty, payments. Use it for any policy question.',
      inputSchema: {
        type: 'object',
        properties: { query: { type: 'string', description: 'The question' } },
        required: ['query'],
      },
      annotations: readOnly,
      handler: async () =>
        ok(
          {
            results: [
              {
                slug: 'shipping-nordics-norway',
                title: 'Shipping to Norway',
                snippet: 'Delivery to Norway takes 3–5 business days and costs €9.95.',
              },
            ],
          },
          'Shipping to Norway: 3–5 business days, €9.95.',
        ),
    },
  ];
  const calls: FixtureGateway['calls'] = [];
  const down = new Set<string>();
  return {
    calls,
    down,
    availableTools: () => tools.filter((tool) => !down.has(tool.server)),
    find: (name) => tools.find((tool) => tool.name === name),
    async call(name, input, options) {
      const tool = tools.find((t) => t.name === name);
      if (!tool) throw new Error(`unknown tool ${name}`);
      if (down.has(tool.server)) throw new Error(`${tool.server} is unreachable`);
      // A preview describes the call and changes nothing, as the MCP servers' previews do.
      if (options.preview && tool.name === 'cancel_order' && !options.customerId) {
        // As the real servers do: identity is checked before any preview.
        return {
          isError: true,
          content: [{ type: 'text', text: 'Please sign in first.' }],
          _meta: { 'dev.shopchat/error-code': 'sign_in_required' },
        };
      }
      if (options.preview) {
        return {
          content: [{ type: 'text', text: `Would ${name} ${JSON.stringify(input)}.` }],
          isError: true,
          _meta: { 'dev.shopchat/preview': true },
        };
      }
      // As the MCP servers do: an input without a required argument is refused before the handler runs.
      const missing = missingRequired(tool.inputSchema, input);
      if (missing.length > 0) {
        return {
          isError: true,
          content: [{ type: 'text', text: `Input validation error: ${missing.join(', ')} is required.` }],
        };
      }
      calls.push({ name, input, ...(options.customerId ? { customerId: options.customerId } : {}) });
      return tool.handler(input as Record<string, unknown>, options);
    },
  };
}

function missingRequired(schema: Record<string, unknown>, input: unknown): string[] {
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const given = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  return required.filter((name) => given[name] === undefined);
}
