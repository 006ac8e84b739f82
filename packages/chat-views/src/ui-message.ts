/** The AI SDK `UIMessage` shape, as much of it as the widget reads and writes. */
export interface UIPart {
  type: string;
  text?: string;
  state?: string;
  toolCallId?: string;
  toolName?: string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
  approval?: { id: string; approved?: boolean; reason?: string };
  /** What the server said the approval will do (`tool-approval-request.reason`); client-side only. */
  approvalReason?: string;
  [key: string]: unknown;
}

/** Who wrote an assistant message that a person sent (hand-off): `messageMetadata.author` on the wire. */
export interface MessageAuthor {
  kind: 'agent' | 'helpdesk';
  /** The person's first name. */
  name: string;
}

export interface UIMessage {
  id: string;
  role: 'user' | 'assistant' | 'system';
  parts: UIPart[];
  /** The message's metadata; a person's message carries `{ author }`. */
  metadata?: { author?: MessageAuthor; [key: string]: unknown };
}

/** The person who wrote `message`, or undefined for the bot and the customer (anything malformed counts as the bot). */
export function authorOf(message: UIMessage): MessageAuthor | undefined {
  const author = message.metadata?.author;
  if (!author || typeof author.name !== 'string' || !author.name.trim()) return undefined;
  return author.kind === 'agent' || author.kind === 'helpdesk' ? author : undefined;
}

/** One chunk of the AI SDK UI message stream (protocol v1); unknown fields are tolerated. */
export interface UIMessageChunk {
  type: string;
  [key: string]: unknown;
}

/** The tool name of a tool part (`tool-<name>` or `dynamic-tool`). */
export function toolNameOf(part: UIPart): string | undefined {
  if (part.type === 'dynamic-tool') return part.toolName;
  return part.type.startsWith('tool-') ? part.type.slice(5) : undefined;
}
