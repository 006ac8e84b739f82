import {
  AbstractChat,
  type ChatState,
  type ChatStatus,
  DefaultChatTransport,
  lastAssistantMessageIsCompleteWithApprovalResponses,
  type UIMessage,
} from 'ai';

/** The smallest `ChatState`: plain arrays, replaced on every change as a UI framework would. */
class MemoryChatState implements ChatState<UIMessage> {
  status: ChatStatus = 'ready';
  error: Error | undefined = undefined;
  messages: UIMessage[];

  constructor(messages: UIMessage[]) {
    this.messages = messages;
  }

  pushMessage = (message: UIMessage): void => {
    this.messages = [...this.messages, message];
  };

  popMessage = (): void => {
    this.messages = this.messages.slice(0, -1);
  };

  replaceMessage = (index: number, message: UIMessage): void => {
    this.messages = [...this.messages.slice(0, index), message, ...this.messages.slice(index + 1)];
  };

  snapshot = <T>(thing: T): T => structuredClone(thing);
}

export interface TestChatOptions {
  baseUrl: string;
  id: string;
  /** A customer token, sent as `Authorization: Bearer`. */
  token?: string;
  /** What the client believes the history is (the server must not). */
  messages?: UIMessage[];
  fetch?: typeof fetch;
}

/**
 * The AI SDK's own chat client, as a `useChat` front end drives it, against a real server: the
 * `DefaultChatTransport` posts to `/api/chat` and resumes from `/api/chat/:id/stream`; approval answers
 * are sent automatically once every approval of the last step is answered.
 */
export class TestChat extends AbstractChat<UIMessage> {
  constructor(options: TestChatOptions) {
    super({
      id: options.id,
      state: new MemoryChatState(options.messages ?? []),
      transport: new DefaultChatTransport({
        api: `${options.baseUrl}/api/chat`,
        headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
      sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
    });
  }

  /** Text of the last assistant message. */
  get lastAnswer(): string {
    const message = this.messages.findLast((m) => m.role === 'assistant');
    return (message?.parts ?? []).map((part) => (part.type === 'text' ? part.text : '')).join('');
  }

  /** The tool parts of all assistant messages. */
  get toolParts(): (UIMessage['parts'][number] & { state: string; toolCallId: string })[] {
    return this.messages.flatMap((m) =>
      m.parts.filter((part): part is UIMessage['parts'][number] & { state: string; toolCallId: string } =>
        part.type.startsWith('tool-'),
      ),
    );
  }
}
