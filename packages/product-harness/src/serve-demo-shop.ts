import { readFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DemoShopOptions {
  /** `dist/widget.js`, read on every request so a rebuild is picked up. */
  widgetPath: string;
  demoPagePath: string;
  /** Where `/api/*` goes (the host), and `/images/*` (the products server). */
  hostUrl: () => string;
  imagesUrl: () => string;
  tokens: () => Record<string, string>;
}

export interface DemoShop {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * What the host serves in production (`GET /widget.js`, the demo page at `/`, demo tokens), put in front of
 * a real host on loopback: everything under `/api/` is passed through untouched (streaming included).
 */
export async function serveDemoShop(options: DemoShopOptions): Promise<DemoShop> {
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(await readFile(options.demoPagePath));
    }
    if (req.method === 'GET' && path === '/widget.js') {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' });
      return void res.end(await readFile(options.widgetPath));
    }
    if (req.method === 'GET' && path === '/demo-tokens.json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify(options.tokens()));
    }
    const upstream = path?.startsWith('/images/') ? options.imagesUrl() : options.hostUrl();
    const proxied = request(new URL(req.url ?? '/', upstream), { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    proxied.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
