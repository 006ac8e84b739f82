import { randomUUID } from 'node:crypto';
import { openDatabase } from '@shopchat/postgres';
import { type ConcurrentChatsResult, measureConcurrentChats } from './concurrent-chats-bench.ts';

export interface RecordWritesResult {
  /** The same chats with the record off: the baseline. */
  off: ConcurrentChatsResult;
  /** With every turn recorded into PostgreSQL through the BullMQ record queue. */
  on: ConcurrentChatsResult;
}

/**
 * The scale-out bench's concurrent chats twice, side by side, both hosts on a fresh PostgreSQL database: the
 * record off (`CONVERSATION_RECORD=off`), then on, written through the record queue. What the record costs the chat is the
 * difference in time to first token; what it does is its rows/s and backlog.
 */
export async function measureRecordWrites(options: { chats: number }): Promise<RecordWritesResult> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  const database = `bench_record_${randomUUID().replaceAll('-', '')}`;
  const admin = await openDatabase({ url: url.href });
  // Generated above, never input.
  await admin.query(`CREATE DATABASE ${database}`);
  try {
    const pace = { chats: options.chats, ttftMs: 600, tokensPerSecond: 50 };
    const recordUrl = new URL(url.href);
    recordUrl.pathname = `/${database}`;
    // Both runs on the same database (open, migrated, console-ready): only the writes differ.
    const off = await measureConcurrentChats({
      ...pace,
      hostEnv: { DATABASE_URL: recordUrl.href, CONVERSATION_RECORD: 'off' },
    });
    const on = await measureConcurrentChats({ ...pace, hostEnv: { DATABASE_URL: recordUrl.href } });
    return { off, on };
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.close();
  }
}
