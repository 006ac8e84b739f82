import type { ContentBlockParam, MessagesRequest } from './messages-request-schema.ts';

/** The real API accepts at most four `cache_control` breakpoints per request. */
export const MAX_CACHE_BREAKPOINTS = 4;

/**
 * The rules between fields that a schema cannot state: alternating roles, non-empty turns, every
 * `tool_use` answered by a `tool_result` in the next message (and no stray results), unique tool names,
 * a `tool_choice` naming a known tool, at most four cache breakpoints. Returns the first problem, worded
 * like the real API's message, or undefined.
 */
export function checkConversationRules(request: MessagesRequest): string | undefined {
  const { messages } = request;
  if (messages.length === 0) return 'messages: at least one message is required';
  if (messages[0]?.role !== 'user') return 'messages: first message must use the "user" role';

  for (const [index, message] of messages.entries()) {
    const previous = messages[index - 1];
    if (previous && previous.role === message.role) {
      return `messages: roles must alternate between "user" and "assistant", but found multiple "${message.role}" roles in a row`;
    }
    const isFinalAssistant = index === messages.length - 1 && message.role === 'assistant';
    const blocks = typeof message.content === 'string' ? undefined : message.content;
    if (!isFinalAssistant) {
      if (typeof message.content === 'string' ? message.content.trim() === '' : message.content.length === 0) {
        return `messages.${index}: all messages must have non-empty content except for the optional final assistant message`;
      }
      const emptyText = blocks?.findIndex((block) => block.type === 'text' && block.text.trim() === '') ?? -1;
      if (emptyText >= 0) {
        return `messages.${index}.content.${emptyText}.text: text content blocks must contain non-whitespace text`;
      }
    }
    const misplaced = blocks?.findIndex(
      (block) => block.type === (message.role === 'user' ? 'tool_use' : 'tool_result'),
    );
    if (misplaced !== undefined && misplaced >= 0) {
      const kind = message.role === 'user' ? 'tool_use' : 'tool_result';
      return `messages.${index}.content.${misplaced}: \`${kind}\` blocks can only be in \`${message.role === 'user' ? 'assistant' : 'user'}\` messages`;
    }
    const pairing = checkToolPairing(index, blocks, previous, messages[index + 1]);
    if (pairing) return pairing;
  }

  const names = new Set<string>();
  for (const tool of request.tools ?? []) {
    if (names.has(tool.name)) return 'tools: Tool names must be unique.';
    names.add(tool.name);
    if ((tool.type === undefined || tool.type === 'custom') && !tool.input_schema) {
      return `tools.${names.size - 1}.custom.input_schema: Field required`;
    }
  }
  const choice = request.tool_choice;
  if (choice && choice.type !== 'none' && choice.type !== 'auto' && names.size === 0) {
    return 'tool_choice: tool_choice may only be specified while providing tools.';
  }
  if (choice?.type === 'tool' && !names.has(choice.name)) {
    return `tool_choice.name: Tool '${choice.name}' not found in tools.`;
  }

  const breakpoints = countBreakpoints(request);
  if (breakpoints > MAX_CACHE_BREAKPOINTS) {
    return `A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`;
  }
  return undefined;
}

function checkToolPairing(
  index: number,
  blocks: ContentBlockParam[] | undefined,
  previous: MessagesRequest['messages'][number] | undefined,
  next: MessagesRequest['messages'][number] | undefined,
): string | undefined {
  if (!blocks) return undefined;
  const useIds = blocks.flatMap((block) => (block.type === 'tool_use' ? [block.id] : []));
  if (useIds.length > 0 && next) {
    const answered = new Set(resultIds(next.content));
    const missing = useIds.filter((id) => !answered.has(id));
    if (missing.length > 0) {
      return `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
    }
  }
  const results = resultIds(blocks);
  if (results.length > 0) {
    const asked = new Set(
      typeof previous?.content === 'string'
        ? []
        : (previous?.content ?? []).flatMap((block) => (block.type === 'tool_use' ? [block.id] : [])),
    );
    const stray = results.filter((id) => !asked.has(id));
    if (stray.length > 0) {
      return `messages.${index}.content: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${stray.join(', ')}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
    }
  }
  return undefined;
}

function resultIds(content: string | ContentBlockParam[]): string[] {
  if (typeof content === 'string') return [];
  return content.flatMap((block) => (block.type === 'tool_result' ? [block.tool_use_id] : []));
}

function countBreakpoints(request: MessagesRequest): number {
  let count = request.cache_control ? 1 : 0;
  for (const tool of request.tools ?? []) if (tool.cache_control) count++;
  if (Array.isArray(request.system)) for (const block of request.system) if (block.cache_control) count++;
  for (const message of request.messages) {
    if (typeof message.content === 'string') continue;
    for (const block of message.content) if (block.cache_control) count++;
  }
  return count;
}
