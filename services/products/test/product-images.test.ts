import { request } from 'node:http';
import { EMBEDDED_TEST_BACKEND } from '@shopchat/postgres/testing';
import { describe, expect, it } from 'vitest';
import type { ProductCard } from '../src/tools/product-card.ts';
import { serveSeededProducts } from './support/serve-seeded-products.ts';

/** A GET with the path sent exactly as written (fetch would resolve `..` before sending). */
function rawGet(origin: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('product pictures', () => {
  const { products } = serveSeededProducts(EMBEDDED_TEST_BACKEND);

  it('serves every picture a result links to, as SVG with long cache headers', async () => {
    const result = await products.call('search_products', { query: 'rain jacket', limit: 5 });
    const { results } = result.structuredContent as { results: ProductCard[] };
    for (const card of results) {
      const link = new URL(card.picture_url);
      expect(link.pathname).toMatch(/^\/products\/images\/[a-z0-9-]+\.svg$/);
      const response = await fetch(`${products.origin}${link.pathname.replace('/products', '')}${link.search}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/svg+xml');
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toMatch(/^<svg [^>]*role="img"/);
    }
  });

  it('answers a repeated request by its ETag, and caches unversioned URLs for a day only', async () => {
    const first = await fetch(`${products.origin}/images/boot-brown.svg`);
    expect(first.headers.get('cache-control')).toBe('public, max-age=86400');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{12}"$/);
    const again = await fetch(`${products.origin}/images/boot-brown.svg`, { headers: { 'if-none-match': etag ?? '' } });
    expect(again.status).toBe(304);
  });

  it('refuses directory traversal and unknown files with 404', async () => {
    for (const path of [
      '/images/..%2f..%2fpackage.json',
      '/images/../package.json',
      '/images/..%2F..%2F..%2Fpackage.json',
      '/images/%2e%2e/%2e%2e/package.json',
      '/images/boot-brown.svg%00.png',
      '/images/BOOT-BROWN.SVG',
      '/images/no-such-picture.svg',
      '/images/',
      '/images/.svg',
    ]) {
      const response = await rawGet(products.origin, path);
      expect(response.status, path).toBe(404);
      expect(response.body, path).not.toMatch(/"name"|shopchat|dependencies/);
    }
    expect((await rawGet(products.origin, '/images/boot-brown.svg')).status).toBe(200);
  });

  it('reports ready while the database answers', async () => {
    const response = await fetch(`${products.origin}/readyz`);
    expect(await response.json()).toEqual({ status: 'ready', tools: 4 });
  });
});
