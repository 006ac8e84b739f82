import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../src/index.ts';
import { testBackends, useSuiteDatabase } from '../src/testing/index.ts';

const backends = await testBackends('packages/postgres');

describe.each(backends)('Database on $name', (backend) => {
  let db: Database;
  useSuiteDatabase(backend, { beforeAll, afterAll }, async (opened) => {
    db = opened;
    await db.query('CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)');
  });

  it.skipIf(!backend.available)('binds parameters, so input is data and never SQL', async () => {
    const hostile = "x'); DROP TABLE items; --";
    await db.query('INSERT INTO items (id, name) VALUES ($1, $2)', [1, hostile]);
    expect(await db.query('SELECT name FROM items WHERE id = $1', [1])).toEqual([{ name: hostile }]);
  });

  it.skipIf(!backend.available)('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction((tx) => tx.query('INSERT INTO items VALUES ($1, $2)', [2, 'kept']));
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO items VALUES ($1, $2)', [3, 'lost']);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const ids = (await db.query<{ id: number }>('SELECT id FROM items ORDER BY id')).map((r) => r.id);
    expect(ids).toEqual([1, 2]);
  });

  it.skipIf(!backend.available)('runs multi-statement scripts in a session, as migrations need', async () => {
    const rows = await db.withSession((session) =>
      session.query(
        "INSERT INTO items VALUES (10, 'a'); INSERT INTO items VALUES (11, 'b'); SELECT count(*)::int AS n FROM items",
      ),
    );
    expect(rows.rows).toEqual([{ n: 4 }]);
  });
});

describe('openDatabase', () => {
  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(openDatabase({ url: 'postgres://x@127.0.0.1:1/x', schema: 'public; DROP' })).rejects.toThrow(
      /invalid/,
    );
  });
});
