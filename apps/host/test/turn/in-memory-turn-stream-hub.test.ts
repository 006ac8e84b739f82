import type { UIMessageChunk } from 'ai';
import { describe, expect, it } from 'vitest';
import { createInMemoryTurnStreamHub } from '../../src/turn/in-memory-turn-stream-hub.ts';

async function readAll(stream: ReadableStream<UIMessageChunk> | undefined): Promise<string[]> {
  const types: string[] = [];
  for await (const chunk of stream ?? []) types.push(chunk.type);
  return types;
}

describe('in-memory turn stream hub', () => {
  it('allows one running turn per conversation', async () => {
    const hub = createInMemoryTurnStreamHub();
    const writer = await hub.begin('c1');
    expect(writer).toBeDefined();
    expect(await hub.begin('c1')).toBeUndefined();
    expect(await hub.begin('c2')).toBeDefined();
    await writer?.end();
    expect(await hub.begin('c1')).toBeDefined();
  });

  it('replays what was written, follows live, and ends with the turn', async () => {
    const hub = createInMemoryTurnStreamHub();
    const writer = await hub.begin('c1');
    writer?.write({ type: 'start' });
    writer?.write({ type: 'start-step' }, { resumeOnly: true });
    const resumed = readAll(await hub.follow('c1', { resume: true }));
    const live = readAll(await hub.follow('c1', { turnId: writer?.turnId }));
    writer?.write({ type: 'finish' });
    await writer?.end();
    expect(await resumed).toEqual(['start', 'start-step', 'finish']);
    expect(await live).toEqual(['start', 'finish']);
  });

  it('has nothing to resume once the turn has ended, but keeps it readable by turn id for a while', async () => {
    const hub = createInMemoryTurnStreamHub();
    const writer = await hub.begin('c1');
    writer?.write({ type: 'start' });
    await writer?.end();
    expect(await hub.follow('c1', { resume: true })).toBeUndefined();
    expect(await readAll(await hub.follow('c1', { turnId: writer?.turnId }))).toEqual(['start']);
    expect(await hub.follow('c1', { turnId: 'another' })).toBeUndefined();
  });

  it('bounds a turn’s recording', async () => {
    const hub = createInMemoryTurnStreamHub({ maxChunksPerTurn: 3 });
    const writer = await hub.begin('c1');
    const reading = readAll(await hub.follow('c1', { turnId: writer?.turnId }));
    for (let i = 0; i < 10; i++) writer?.write({ type: 'start-step' });
    await writer?.end();
    expect(await reading).toHaveLength(3);
  });

  it('lets a reader leave without disturbing the turn', async () => {
    const hub = createInMemoryTurnStreamHub();
    const writer = await hub.begin('c1');
    const stream = await hub.follow('c1', { resume: true });
    const reader = stream?.getReader();
    writer?.write({ type: 'start' });
    expect((await reader?.read())?.value).toEqual({ type: 'start' });
    const pending = reader?.read();
    await reader?.cancel();
    expect((await pending)?.done).toBe(true);
    writer?.write({ type: 'finish' });
    await writer?.end();
    expect(await readAll(await hub.follow('c1', { turnId: writer?.turnId }))).toEqual(['start', 'finish']);
  });
});
