/**
 * A customer's chat over plain HTTP, as a front end would drive it (`POST /api/chat`, the UI message stream
 * read to its end): real turns through the host and model-sim, so the conversation record holds what a
 * real conversation leaves there. Only what the console tests need: send a message, answer an approval.
 */
export interface ChatOverHttp {
  id: string;
  /** Sends the customer's message; resolves with the answer's chunks once the stream ends. */
  say(text: string): Promise<Chunk[]>;
  /** Answers the approval the last answer asked for, as the widget does. */
  answerApproval(approved: boolean): Promise<Chunk[]>;
  /** `POST /api/chat/:id/feedback`. */
  rate(rating: number, comment?: string): Promise<number>;
}

type Chunk = { type: string; [key: string]: unknown };

export function chatOverHttp(hostUrl: string, token: string): ChatOverHttp {
  const id = `chat_console_${crypto.randomUUID().replace(/-/g, '')}`;
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let last: Chunk[] = [];
  const post = async (message: object): Promise<Chunk[]> => {
    const response = await fetch(`${hostUrl}/api/chat`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id, trigger: 'submit-message', messages: [message] }),
    });
    if (!response.ok) throw new Error(`POST /api/chat answered ${response.status}: ${await response.text()}`);
    last = (await response.text())
      .split('\n')
      .filter((line) => line.startsWith('data: ') && line !== 'data: [DONE]')
      .map((line) => JSON.parse(line.slice(6)) as Chunk);
    return last;
  };
  const newId = () => `msg_${crypto.randomUUID().replace(/-/g, '')}`;
  return {
    id,
    say: (text) => post({ id: newId(), role: 'user', parts: [{ type: 'text', text }] }),
    answerApproval(approved) {
      const request = last.find((c) => c.type === 'tool-approval-request');
      const input = last.find((c) => c.type === 'tool-input-available' && c.toolCallId === request?.toolCallId);
      const messageId = last.find((c) => c.type === 'start')?.messageId;
      if (!request || !input) throw new Error('The last answer asked for no approval.');
      return post({
        id: messageId,
        role: 'assistant',
        parts: [
          {
            type: `tool-${String(input.toolName)}`,
            toolCallId: request.toolCallId,
            state: 'approval-responded',
            input: input.input,
            approval: { id: request.approvalId, approved },
          },
        ],
      });
    },
    async rate(rating, comment) {
      const response = await fetch(`${hostUrl}/api/chat/${id}/feedback`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ rating, ...(comment ? { comment } : {}) }),
      });
      return response.status;
    },
  };
}
