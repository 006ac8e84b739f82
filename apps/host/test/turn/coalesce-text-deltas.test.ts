import type { UIMessage, UIMessageChunk } from 'ai';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { coalesceTextDeltas } from '../../src/turn/coalesce-text-deltas.ts';
import { createUIMessageBuilder } from '../../src/turn/create-ui-message-builder.ts';

const SEED = Number(process.env.FC_SEED) || 20_261_203;
const WINDOW_MS = 12;
const delta = (id: string, text: string): UIMessageChunk => ({ type: 'text-delta', id, delta: text });

/** A chunk sequence as a turn writes it: text parts of many deltas, reasoning, a tool call between them. */
const turnChunks = fc
  .array(
    fc.oneof(
      fc.record({
        kind: fc.constant('text' as const),
        deltas: fc.array(fc.string({ maxLength: 40 }), { maxLength: 30 }),
      }),
      fc.record({
        kind: fc.constant('reasoning' as const),
        deltas: fc.array(fc.string({ maxLength: 40 }), { maxLength: 10 }),
      }),
      fc.record({ kind: fc.constant('tool' as const), deltas: fc.constant([] as string[]) }),
    ),
    { maxLength: 6 },
  )
  .map((parts) =>
    parts.flatMap(({ kind, deltas }, i): UIMessageChunk[] => {
      const id = `p-${i}`;
      if (kind === 'tool') {
        return [
          { type: 'tool-input-available', toolCallId: id, toolName: 'search_products', input: { q: 'boots' } },
          { type: 'tool-output-available', toolCallId: id, output: { items: [] } },
        ];
      }
      return [
        { type: `${kind}-start`, id },
        ...deltas.map((text): UIMessageChunk => ({ type: `${kind}-delta`, id, delta: text })),
        { type: `${kind}-end`, id },
      ];
    }),
  );
/** When each chunk comes, as milliseconds after the one before: bursts, and pauses longer than the window. */
const gaps = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3 * WINDOW_MS })), {
  minLength: 200,
  maxLength: 200,
});

/** The chunks with each run of consecutive deltas of one part merged: what coalescing may turn a turn into. */
function merged(chunks: UIMessageChunk[]): UIMessageChunk[] {
  const out: UIMessageChunk[] = [];
  for (const chunk of chunks) {
    const last = out.at(-1);
    if (
      last &&
      (chunk.type === 'text-delta' || chunk.type === 'reasoning-delta') &&
      last.type === chunk.type &&
      last.id === chunk.id
    ) {
      out[out.length - 1] = { ...last, delta: last.delta + chunk.delta };
    } else out.push({ ...chunk });
  }
  return out;
}

async function buildMessage(chunks: UIMessageChunk[], mergeDeltas: boolean): Promise<UIMessage> {
  const builder = createUIMessageBuilder({ id: 'a-1', role: 'assistant', parts: [] }, { mergeDeltas });
  for (const chunk of chunks) builder.push(chunk);
  return builder.finish();
}

describe('coalescing text deltas', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps every chunk, in order, with exactly the same text, whatever the timing', () => {
    fc.assert(
      fc.property(turnChunks, gaps, fc.integer({ min: 1, max: 200 }), (chunks, pauses, maxChars) => {
        const written: UIMessageChunk[] = [];
        const out = coalesceTextDeltas((chunk) => written.push(chunk), { windowMs: WINDOW_MS, maxChars });
        chunks.forEach((chunk, i) => {
          vi.advanceTimersByTime(pauses[i % pauses.length] ?? 0);
          out.write(chunk);
        });
        out.flush();
        vi.runAllTimers();
        // Merging what was written again gives the input merged: nothing lost, doubled, reordered or split
        // across parts, and no chunk other than a delta touched.
        expect(merged(written)).toEqual(merged(chunks));
        expect(written.filter((c) => !c.type.endsWith('-delta'))).toEqual(
          chunks.filter((c) => !c.type.endsWith('-delta')),
        );
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('sends the first delta at once, merges the burst after it, and sends it when the window ends', () => {
    const written: UIMessageChunk[] = [];
    const out = coalesceTextDeltas((chunk) => written.push(chunk), { windowMs: WINDOW_MS, maxChars: 2_048 });
    out.write({ type: 'text-start', id: 't' });
    out.write(delta('t', 'Yes'));
    expect(written).toEqual([{ type: 'text-start', id: 't' }, delta('t', 'Yes')]);
    out.write(delta('t', ', we'));
    out.write(delta('t', ' have'));
    expect(written).toHaveLength(2);
    vi.advanceTimersByTime(WINDOW_MS);
    expect(written.at(-1)).toEqual(delta('t', ', we have'));
    // Nothing came in the next window: it closes, and the next delta goes out at once again.
    vi.advanceTimersByTime(WINDOW_MS);
    out.write(delta('t', ' boots'));
    expect(written.at(-1)).toEqual(delta('t', ' boots'));
  });

  it('sends what waits before any other chunk, and when it reaches the size limit', () => {
    const written: UIMessageChunk[] = [];
    const out = coalesceTextDeltas((chunk) => written.push(chunk), { windowMs: WINDOW_MS, maxChars: 7 });
    out.write(delta('t', 'a'));
    out.write(delta('t', 'bcd'));
    out.write(delta('t', 'efgh'));
    expect(written).toEqual([delta('t', 'a'), delta('t', 'bcdefgh')]);
    out.write(delta('t', 'i'));
    out.write({ type: 'text-end', id: 't' });
    expect(written.slice(2)).toEqual([delta('t', 'i'), { type: 'text-end', id: 't' }]);
  });

  it('writes every delta as it comes with a window of 0 (the setting that turns it off)', () => {
    const written: UIMessageChunk[] = [];
    const out = coalesceTextDeltas((chunk) => written.push(chunk), { windowMs: 0, maxChars: 2_048 });
    out.write(delta('t', 'a'));
    out.write(delta('t', 'b'));
    expect(written).toEqual([delta('t', 'a'), delta('t', 'b')]);
  });

  it('leaves deltas with provider metadata as they are', () => {
    const written: UIMessageChunk[] = [];
    const out = coalesceTextDeltas((chunk) => written.push(chunk), { windowMs: WINDOW_MS, maxChars: 2_048 });
    const signed: UIMessageChunk = { type: 'reasoning-delta', id: 'r', delta: 'x', providerMetadata: { a: { b: 1 } } };
    out.write(delta('t', 'a'));
    out.write(signed);
    out.write(signed);
    expect(written).toEqual([delta('t', 'a'), signed, signed]);
  });
});

describe('the message builder merging deltas', () => {
  it('builds the same message as from every delta', async () => {
    await fc.assert(
      fc.asyncProperty(turnChunks, async (chunks) => {
        const all: UIMessageChunk[] = [{ type: 'start' }, ...chunks, { type: 'finish', finishReason: 'stop' }];
        expect(await buildMessage(all, true)).toEqual(await buildMessage(all, false));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});
