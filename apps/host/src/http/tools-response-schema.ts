import { z } from 'zod';

/** `GET /api/tools` (docs/architecture.md#endpoints): every gathered tool, with the server that owns it. */
export const ToolsResponseSchema = z
  .object({
    tools: z.array(
      z.looseObject({
        server: z.string().describe('The MCP server that owns the tool.'),
        name: z.string().describe('The name the model sees and calls.'),
        description: z.string(),
        inputSchema: z.record(z.string(), z.unknown()).describe('JSON Schema of the arguments.'),
        annotations: z
          .looseObject({
            readOnlyHint: z.boolean().optional(),
            destructiveHint: z.boolean().optional(),
            idempotentHint: z.boolean().optional(),
            openWorldHint: z.boolean().optional(),
          })
          .describe('MCP tool annotations; a destructive tool needs the customer’s approval per call.'),
      }),
    ),
  })
  .describe('The tools the host gathered from its MCP servers.');
