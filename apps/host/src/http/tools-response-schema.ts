import { z } from 'zod';

/** `GET /api/tools` (docs/architecture.md#endpoints): every gathered tool, with the server that owns it. */
export const ToolsResponseSchema = z
  .object({
    tools: z.array(
      // Strict: our own data, so a field the endpoint sends and the document omits (or the reverse) fails.
      z.strictObject({
        server: z.string().describe('The MCP server that owns the tool.'),
        name: z.string().describe('The name the model sees and calls.'),
        description: z.string(),
        icons: z
          .array(
            z.looseObject({
              src: z.string().describe('A data: URI (inline SVG) or a URL, as the MCP server announced it.'),
              mimeType: z.string().optional(),
              sizes: z.array(z.string()).optional(),
              theme: z.enum(['light', 'dark']).optional(),
            }),
          )
          .optional()
          .describe('MCP 2025-11-25 tool icons; clients must check a src before showing it.'),
        inputSchema: z.record(z.string(), z.unknown()).describe('JSON Schema of the arguments.'),
        annotations: z
          .looseObject({
            readOnlyHint: z.boolean().optional(),
            destructiveHint: z.boolean().optional(),
            idempotentHint: z.boolean().optional(),
            openWorldHint: z.boolean().optional(),
          })
          .describe('MCP tool annotations; a destructive tool needs the customer’s approval per call.'),
        available: z
          .boolean()
          .describe('Its server answers now; an unavailable tool is listed but not offered to the model.'),
      }),
    ),
  })
  .describe('The tools the host gathered from its MCP servers.');

export type ToolsResponse = z.infer<typeof ToolsResponseSchema>;
