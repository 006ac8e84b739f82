import { h, renderMarkdown, renderToolResult, toolIconsOf, toolNameOf, type UIPart } from '@shopchat/chat-views';
import type { Transcript } from '@shopchat/host/console-schemas';
import { consoleApi } from '../console-api.ts';
import { formatInstant, formatMs, formatRating, formatUsd } from '../format.ts';
import { href, type Page } from '../router.ts';

type ToolCall = Transcript['toolCalls'][number];
type Approval = Transcript['approvals'][number];

const OUTCOMES: Record<ToolCall['outcome'], string> = {
  ok: 'succeeded',
  tool_error: 'failed (tool error)',
  unavailable: 'failed (server unavailable)',
  refused: 'refused by the host',
  denied: 'not run: the customer declined',
};

/**
 * One whole conversation as it happened: the messages as the widget showed them (its Markdown and its
 * product, order and article views, imported from the widget), each tool call with its arguments and
 * outcome, each approval with its answer, and per turn the model calls with tokens, cost and the trace id.
 */
export const transcriptPage: Page = {
  path: '/conversations/:id',
  title: 'Conversation',
  async render({ params, signal }) {
    const [transcript, tools] = await Promise.all([
      consoleApi.transcript(params.id ?? '', signal),
      consoleApi.tools().catch(() => null),
    ]);
    const icons = toolIconsOf(tools, location.origin);
    const calls = new Map(transcript.toolCalls.map((call) => [call.id, call]));
    const approvals = new Map(transcript.approvals.map((approval) => [approval.toolCallId, approval]));
    const c = transcript.conversation;
    return h(
      'section',
      {},
      h('p', {}, h('a', { href: href('/conversations') }, '← All conversations')),
      h('h1', { tabindex: '-1' }, `Conversation with ${c.customerId ?? 'an anonymous visitor'}`),
      h(
        'dl',
        { class: 'summary' },
        ...entry('Conversation id', c.id),
        ...entry('Started', formatInstant(c.startedAt)),
        ...entry('Last activity', formatInstant(c.lastActivityAt)),
        ...entry('Status', c.status),
        ...entry('Turns', String(c.turns)),
        ...entry(
          'Rating',
          `${formatRating(transcript.feedback?.rating ?? null)}${transcript.feedback?.comment ? ` — “${transcript.feedback.comment}”` : ''}`,
        ),
      ),
      h('h2', {}, 'Messages'),
      h(
        'ol',
        { class: 'transcript', 'aria-label': 'Messages' },
        ...transcript.messages.map((message) =>
          h(
            'li',
            { class: `msg ${message.role}` },
            h(
              'header',
              {},
              `${message.role === 'user' ? 'Customer' : message.role === 'assistant' ? 'Assistant' : 'System'} · ${formatInstant(message.createdAt)}`,
            ),
            ...message.parts.map((part) => renderPart(part as UIPart, message.role, calls, approvals, icons)),
          ),
        ),
      ),
      h('h2', {}, 'Turns and model calls'),
      turnsTable(transcript.turns),
    );
  },
};

function entry(term: string, value: string): HTMLElement[] {
  return [h('dt', {}, term), h('dd', {}, value)];
}

function renderPart(
  part: UIPart,
  role: string,
  calls: Map<string, ToolCall>,
  approvals: Map<string, Approval>,
  icons: Map<string, string>,
): Node | null {
  if (part.type === 'text' && part.text) return role === 'user' ? h('p', {}, part.text) : renderMarkdown(part.text);
  const tool = toolNameOf(part);
  if (!tool) return null;
  const call = part.toolCallId ? calls.get(part.toolCallId) : undefined;
  const approval = part.toolCallId ? approvals.get(part.toolCallId) : undefined;
  const src = icons.get(tool);
  const outcome = call ? OUTCOMES[call.outcome] : (part.state ?? 'unknown');
  return h(
    'section',
    { class: 'tool-call', 'aria-label': `Tool call: ${tool}` },
    h(
      'p',
      { class: 'tool' },
      src ? h('img', { class: 'tool-icon', src, alt: '', width: '16', height: '16' }) : null,
      h('strong', {}, tool),
      call ? ` on ${call.server}` : '',
      ' — ',
      h('span', { class: call?.outcome === 'ok' ? 'outcome-ok' : 'outcome-bad' }, outcome),
      call ? ` in ${formatMs(call.durationMs)}${call.errorCode ? ` (${call.errorCode})` : ''}` : '',
    ),
    h('pre', { 'aria-label': 'Arguments' }, JSON.stringify(part.input ?? call?.args ?? {}, null, 2)),
    approval ? renderApproval(approval) : null,
    part.state === 'output-available' ? (renderToolResult(part.output) ?? rawOutput(part.output)) : null,
    part.state === 'output-error' && part.errorText ? h('p', { class: 'outcome-bad' }, part.errorText) : null,
  );
}

function renderApproval(approval: Approval): HTMLElement {
  const answer =
    approval.approved === null
      ? 'Never answered.'
      : `${approval.approved ? 'Confirmed' : 'Declined'} by ${approval.answeredBy ?? 'the customer'}${approval.answeredAt ? ` at ${formatInstant(approval.answeredAt)}` : ''}.`;
  return h(
    'section',
    { class: 'approval', 'aria-label': 'Approval' },
    h('h3', {}, 'Approval asked'),
    h('p', {}, approval.summary),
    h('p', { class: approval.approved ? 'outcome-ok' : 'outcome-bad' }, answer),
  );
}

function rawOutput(output: unknown): HTMLElement {
  return h(
    'details',
    {},
    h('summary', {}, 'Result'),
    h('pre', {}, JSON.stringify(output, null, 2)?.slice(0, 20_000) ?? ''),
  );
}

function turnsTable(turns: Transcript['turns']): HTMLElement {
  const head = [
    'Turn',
    'Outcome',
    'Time to first token',
    'Model calls (tokens in / out / cache read)',
    'Cost',
    'Trace id',
  ];
  return h(
    'table',
    { class: 'turns' },
    h('thead', {}, h('tr', {}, ...head.map((name) => h('th', { scope: 'col' }, name)))),
    h(
      'tbody',
      {},
      ...turns.map((turn) =>
        h(
          'tr',
          {},
          h('td', {}, formatInstant(turn.startedAt)),
          h('td', {}, turn.outcome),
          h('td', {}, formatMs(turn.ttftMs)),
          h(
            'td',
            {},
            h(
              'ul',
              { class: 'model-calls' },
              ...turn.modelCalls.map((call) =>
                h(
                  'li',
                  {},
                  `${call.model}: ${call.inputTokens} / ${call.outputTokens} / ${call.cacheReadInputTokens} tokens, ${formatUsd(call.costUsd)}, ${formatMs(call.durationMs)}${call.stopReason ? `, ${call.stopReason}` : ''}`,
                ),
              ),
            ),
          ),
          h('td', {}, formatUsd(turn.costUsd)),
          h('td', {}, h('code', {}, turn.traceId ?? '—')),
        ),
      ),
    ),
  );
}
