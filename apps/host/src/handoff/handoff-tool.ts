import { z } from 'zod';
import type { GatewayTool, GatewayToolResult, ToolGateway } from '../turn/tool-gateway.ts';
import { HANDOFF_REASONS, HandoffRequestSchema } from './handoff-state.ts';

/** The name the τ-bench retail domain gives the same tool. */
export const HANDOFF_TOOL_NAME = 'transfer_to_human_agents';
/** Where the tool lives, as the console and the record show it: the host itself, not an MCP server. */
export const HANDOFF_TOOL_SERVER = 'host';

/**
 * The one definition of the hand-off tool the model sees. Its description is the whole policy of when to
 * use it; the quoted requests also let model-sim, which reads descriptions, pick it for plain requests.
 */
export const HANDOFF_TOOL: GatewayTool = {
  name: HANDOFF_TOOL_NAME,
  server: HANDOFF_TOOL_SERVER,
  title: 'Transfer to a person',
  description:
    'Hand this conversation to a person on the shop’s support team. Use it when the customer asks for a human ' +
    '("I want to talk to a person", "speak to a human agent", "can I talk to someone", "real person please"), ' +
    'when the customer is upset, when the shop’s policy does not cover their case, or after you failed to ' +
    'help twice. Write a short summary for the agent (who the customer is, what they want, what you already ' +
    'tried) and give the reason. After it, tell the customer a person will take over; do not keep answering.',
  inputSchema: z.toJSONSchema(
    z.object({
      summary: z
        .string()
        .min(1)
        .max(2000)
        .describe('For the agent: what the customer wants and what has been tried, in two or three sentences.'),
      reason: z.enum(HANDOFF_REASONS).default('customer_asked').describe('Why a person should take over.'),
    }),
    { io: 'input' },
  ) as Record<string, unknown>,
  // It changes who answers, not the shop's data: no approval card, and asking twice hands over once.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
};

const SOMEONE_WILL_JOIN =
  'Handed over. A person from the support team will join this chat shortly; tell the customer so, briefly.';
const BY_EMAIL =
  'Handed over as a ticket: nobody from the support team is available right now. Tell the customer the shop ' +
  'will answer by email, and that they can leave more details here.';

/**
 * The catalogue's tools and the hand-off tool, as one gateway. The call itself only checks the arguments and
 * says what to tell the customer; the turn (withHandoff) changes the conversation's state once it succeeded.
 */
export function withHandoffTool(gateway: ToolGateway, agentsAvailable: () => Promise<boolean>): ToolGateway {
  return {
    availableTools: () => [...gateway.availableTools().filter((t) => t.name !== HANDOFF_TOOL_NAME), HANDOFF_TOOL],
    find: (name) => (name === HANDOFF_TOOL_NAME ? HANDOFF_TOOL : gateway.find(name)),
    async call(name, input, options) {
      if (name !== HANDOFF_TOOL_NAME) return gateway.call(name, input, options);
      const parsed = HandoffRequestSchema.safeParse(input);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return errorResult(`Invalid arguments: ${issue?.path.join('.') || 'input'}: ${issue?.message ?? 'invalid'}.`);
      }
      const available = await agentsAvailable().catch(() => false);
      return {
        content: [{ type: 'text', text: available ? SOMEONE_WILL_JOIN : BY_EMAIL }],
        structuredContent: { handedOver: true, agentsAvailable: available },
      } satisfies GatewayToolResult;
    },
  };
}

function errorResult(text: string): GatewayToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}
