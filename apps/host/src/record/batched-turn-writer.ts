import type { Database } from '@shopchat/postgres';
import type { FinishedTurn } from './finished-turn.ts';
import { type WriteReport, writeFinishedTurns } from './write-finished-turn.ts';

interface Waiting {
  turn: FinishedTurn;
  resolve: (report: WriteReport) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes turns handed over one at a time (a record job each) in batches: the turns that come while a
 * write runs go together in the next one (`writeFinishedTurns`: one transaction, one statement per table),
 * so concurrent jobs share the per-statement and per-commit cost instead of queueing for the connection.
 * Each caller gets its own turn's outcome: when the database rejects a batch, its turns are written again
 * one by one, so only the turn at fault fails; when the database is away, every turn of the batch fails
 * (and its job is retried).
 */
export function createBatchedTurnWriter(db: Database, options: { maxBatch: number }) {
  let waiting: Waiting[] = [];
  let running = false;

  const writeOne = async (entry: Waiting): Promise<void> => {
    try {
      const report = await writeFinishedTurns(db, [entry.turn]);
      entry.resolve({ written: report.written > 0, rows: report.rows });
    } catch (error) {
      entry.reject(error);
    }
  };

  const run = async (): Promise<void> => {
    running = true;
    try {
      while (waiting.length > 0) {
        const batch = waiting.slice(0, options.maxBatch);
        waiting = waiting.slice(batch.length);
        if (batch.length === 1) {
          await writeOne(batch[0] as Waiting);
          continue;
        }
        try {
          const report = await writeFinishedTurns(
            db,
            batch.map((entry) => entry.turn),
          );
          const written = new Set(report.writtenTurnIds);
          // The rows figure is the batch's; it goes with its first written turn.
          let rows = report.rows;
          for (const entry of batch) {
            const isWritten = written.delete(entry.turn.turnId);
            entry.resolve({ written: isWritten, rows: isWritten ? rows : 0 });
            if (isWritten) rows = 0;
          }
        } catch {
          // Which turn is at fault, or whether the database is away for all: each finds out on its own.
          for (const entry of batch) await writeOne(entry);
        }
      }
    } finally {
      running = false;
    }
  };

  return {
    write(turn: FinishedTurn): Promise<WriteReport> {
      return new Promise<WriteReport>((resolve, reject) => {
        waiting.push({ turn, resolve, reject });
        if (!running) void run();
      });
    },
  };
}
