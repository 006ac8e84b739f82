import { EMBEDDED_TEST_BACKEND, type TestDatabase, testBackends } from '@shopchat/postgres/testing';
import { dropPrefix, redisAvailable, TEST_REDIS_URL, uniquePrefix } from '@shopchat/product-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDocs } from './support/serve-docs.ts';
import { ADMIN_TOKEN, eventually, type RunningDocs, startDocs } from './support/start-docs.ts';

const backends = await testBackends('services/docs');
const postgres = backends.find((b) => b.name === 'postgres');
const withRedis = await redisAvailable('services/docs');

const article = (slug: string, body: string) =>
  `---\ntitle: "Store hours in ${slug}"\nslug: ${slug}\ncategory: store-policies\nsummary: "When the shop answers."\ntags: [hours]\n---\n\n# Store hours\n\n## Opening times\n\n${body}\n`;

async function admin(docs: RunningDocs, method: string, path: string, body?: string, token = ADMIN_TOKEN) {
  const response = await fetch(`${docs.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'text/markdown' }) },
    ...(body === undefined ? {} : { body }),
  });
  return { status: response.status, json: (await response.json().catch(() => undefined)) as Record<string, unknown> };
}

async function searchSlugs(docs: RunningDocs, query: string) {
  const result = await docs.client.callTool({ name: 'search_docs', arguments: { query, limit: 8 } });
  return (result.structuredContent as { results: { slug: string }[] }).results.map((r) => r.slug);
}

describe('admin endpoint, in-process ingestion (no Redis)', () => {
  const { database, docs } = serveDocs(EMBEDDED_TEST_BACKEND);

  it('refuses callers without the admin token, and is off without one configured', async () => {
    expect((await admin(docs, 'PUT', '/admin/articles/x-hours', article('x-hours', 'a'), 'wrong')).status).toBe(401);
    const off = await startDocs(database.db, { adminToken: undefined });
    try {
      expect((await admin(off, 'DELETE', '/admin/articles/return-policy')).status).toBe(404);
      expect(off.backend.index.get('return-policy')).toBeDefined();
    } finally {
      await off.stop();
    }
  });

  it('adds, re-adds idempotently, updates and removes an article, and search follows at once', async () => {
    const put = (body: string) => admin(docs, 'PUT', '/admin/articles/lisbon-hours', article('lisbon-hours', body));
    const created = await put('Lisbon kiosk opens at nine.');
    expect(created).toEqual({ status: 200, json: { slug: 'lisbon-hours', outcome: 'created' } });
    expect(await searchSlugs(docs, 'lisbon kiosk')).toContain('lisbon-hours');
    const again = await put('Lisbon kiosk opens at nine.');
    expect(again.json).toEqual({ slug: 'lisbon-hours', outcome: 'unchanged' });
    const changes = await database.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM article_changes WHERE slug = 'lisbon-hours'",
    );
    expect(changes[0]?.n).toBe(1);
    const updated = await put('Porto kiosk opens at ten.');
    expect(updated.json).toEqual({ slug: 'lisbon-hours', outcome: 'updated' });
    await eventually(async () => (await searchSlugs(docs, 'porto kiosk')).includes('lisbon-hours'));
    expect(await admin(docs, 'DELETE', '/admin/articles/lisbon-hours')).toEqual({
      status: 200,
      json: { slug: 'lisbon-hours', outcome: 'removed' },
    });
    await eventually(async () => !(await searchSlugs(docs, 'porto kiosk')).includes('lisbon-hours'));
    expect((await admin(docs, 'DELETE', '/admin/articles/lisbon-hours')).json).toEqual({
      slug: 'lisbon-hours',
      outcome: 'absent',
    });
  });

  it('refuses a bad document with a clear 400 and changes nothing', async () => {
    const before = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM article_changes');
    const cases: [string, string, RegExp][] = [
      ['bad-one', 'no front matter at all', /front matter/],
      ['bad-one', '---\ntitle: x\n---\nbody', /slug/],
      ['bad-one', article('other-slug', 'body'), /front matter says "other-slug"/],
      ['bad-one', '---\ntitle: [unclosed\nslug: bad-one\n---\nbody', /YAML/],
      ['Bad_Slug', article('bad-one', 'x'), /kebab-case/],
    ];
    for (const [slug, body, message] of cases) {
      const response = await admin(docs, 'PUT', `/admin/articles/${slug}`, body);
      expect(response.status, body.slice(0, 30)).toBe(400);
      expect(String(response.json.message)).toMatch(message);
    }
    const oversized = await admin(docs, 'PUT', '/admin/articles/bad-one', article('bad-one', 'x'.repeat(600_000)));
    expect(oversized.status).toBe(413);
    const after = await database.db.query<{ n: number }>('SELECT count(*)::int AS n FROM article_changes');
    expect(after).toEqual(before);
  });
});

describe.skipIf(!withRedis || !postgres?.available)('BullMQ ingestion on Redis, two replicas on one PostgreSQL', () => {
  let database: TestDatabase;
  let replicaA: RunningDocs;
  let replicaB: RunningDocs;
  const prefix = uniquePrefix();

  beforeAll(async () => {
    database = await (postgres as NonNullable<typeof postgres>).open();
    const queued = { redisUrl: TEST_REDIS_URL, queuePrefix: prefix };
    replicaA = await startDocs(database.db, queued);
    replicaB = await startDocs(database.db, { ...queued, migrateOnStart: false });
  });
  afterAll(async () => {
    await replicaA?.stop();
    await replicaB?.stop();
    await database?.dispose();
    await dropPrefix(prefix);
  });

  it('queues a change on one replica; a worker applies it; both replicas search it within seconds', async () => {
    const submitted = await admin(
      replicaA,
      'PUT',
      '/admin/articles/oslo-hours',
      article('oslo-hours', 'Oslo pop-up store at Aker Brygge.'),
    );
    expect(submitted.status).toBe(202);
    const jobId = String(submitted.json.jobId);
    await eventually(async () => (await admin(replicaB, 'GET', `/admin/jobs/${jobId}`)).json.state === 'completed');
    expect((await admin(replicaB, 'GET', `/admin/jobs/${jobId}`)).json).toEqual({
      state: 'completed',
      result: { slug: 'oslo-hours', outcome: 'created' },
    });
    for (const replica of [replicaA, replicaB]) {
      await eventually(async () => (await searchSlugs(replica, 'aker brygge pop-up')).includes('oslo-hours'), 5_000);
    }
  });

  it('changes nothing when the same job is delivered twice', async () => {
    const body = article('bergen-hours', 'Bergen counter in Bryggen.');
    const first = await replicaA.backend.ingestion.submit({ kind: 'upsert', source: body });
    const second = await replicaB.backend.ingestion.submit({ kind: 'upsert', source: body });
    if (first.mode !== 'queued' || second.mode !== 'queued') throw new Error('expected queued ingestion');
    const outcomes = [
      await replicaA.backend.ingestion.waitFor(first.jobId, 10_000),
      await replicaA.backend.ingestion.waitFor(second.jobId, 10_000),
    ];
    // The two replicas' workers take the jobs in either order: one creates, the other finds nothing to do.
    expect(outcomes).toEqual(
      expect.arrayContaining([
        { state: 'completed', result: { slug: 'bergen-hours', outcome: 'created' } },
        { state: 'completed', result: { slug: 'bergen-hours', outcome: 'unchanged' } },
      ]),
    );
    const rows = await database.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM article_changes WHERE slug = 'bergen-hours'",
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('fails an invalid queued document without retrying it, and writes nothing', async () => {
    const submitted = await replicaA.backend.ingestion.submit({ kind: 'upsert', source: 'not an article' });
    if (submitted.mode !== 'queued') throw new Error('expected queued ingestion');
    const status = await replicaA.backend.ingestion.waitFor(submitted.jobId, 10_000);
    expect(status).toMatchObject({ state: 'failed', reason: expect.stringMatching(/front matter/) });
  });
});
