import type { UIMessageChunk } from 'ai';
import { expect, it } from 'vitest';
import type { TurnStreamHub } from '../../../src/turn/turn-stream-hub.ts';

export async function readTypes(stream: ReadableStream<UIMessageChunk> | undefined): Promise<string[]> {
  const types: string[] = [];
  for await (const chunk of stream ?? []) types.push(chunk.type);
  return types;
}

/**
 * The behaviour every {@link TurnStreamHub} shares. Call inside a `describe`; `make` builds a fresh hub with
 * no turns, capped at `maxChunksPerTurn` when given.
 */
export function turnStreamHubContract(
  make: (limits?: { maxChunksPerTurn?: number }) => TurnStreamHub | Promise<TurnStreamHub>,
): void {
  it('allows one running turn per conversation', async () => {
    const hub = await make();
    const writer = await hub.begin('c1');
    expect(writer).toBeDefined();
    expect(await hub.begin('c1')).toBeUndefined();
    const other = await hub.begin('c2');
    expect(other).toBeDefined();
    await writer?.end();
    await other?.end();
    const next = await hub.begin('c1');
    expect(next).toBeDefined();
    await next?.end();
  });

  it('replays what was written, follows live, and ends with the turn', async () => {
    const hub = await make();
    const writer = await hub.begin('c1');
    writer?.write({ type: 'start' });
    writer?.write({ type: 'start-step' }, { resumeOnly: true });
    const resumed = readTypes(await hub.follow('c1', { resume: true }));
    const live = readTypes(await hub.follow('c1', { turnId: writer?.turnId }));
    writer?.write({ type: 'finish' });
    await writer?.end();
    expect(await resumed).toEqual(['start', 'start-step', 'finish']);
    expect(await live).toEqual(['start', 'finish']);
  });

  it('has nothing to resume once the turn has ended, but keeps it readable by turn id for a while', async () => {
    const hub = await make();
    expect(await hub.follow('c1', { resume: true })).toBeUndefined();
    const writer = await hub.begin('c1');
    writer?.write({ type: 'start' });
    await writer?.end();
    expect(await hub.follow('c1', { resume: true })).toBeUndefined();
    expect(await readTypes(await hub.follow('c1', { turnId: writer?.turnId }))).toEqual(['start']);
    expect(await hub.follow('c1', { turnId: 'another' })).toBeUndefined();
  });

  it('bounds a turn’s recording', async () => {
    const hub = await make({ maxChunksPerTurn: 3 });
    const writer = await hub.begin('c1');
    const reading = readTypes(await hub.follow('c1', { turnId: writer?.turnId }));
    for (let i = 0; i < 10; i++) writer?.write({ type: 'start-step' });
    await writer?.end();
    expect(await reading).toHaveLength(3);
  });

  it('lets a reader leave without disturbing the turn', async () => {
    const hub = await make();
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
    expect(await readTypes(await hub.follow('c1', { turnId: writer?.turnId }))).toEqual(['start', 'finish']);
  });
}
