import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express, Request, Response } from 'express';

/** The product pictures shipped with the service (see data/README.md). */
export const PUBLIC_IMAGES_DIR = fileURLToPath(new URL('../../public/images', import.meta.url));

/** A picture file name: nothing that could name a directory or another file. */
const FILE_NAME = /^[a-z0-9][a-z0-9-]{0,100}\.svg$/;
/** A year: what a versioned URL may be cached for, since its content never changes. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** A day: for a request without the version, which may outlive the picture it got. */
const UNVERSIONED = 'public, max-age=86400';
/** Largest picture loaded: the generated ones are under 3 KB; anything far larger is not ours. */
const MAX_BYTES = 256 * 1024;

interface Picture {
  body: Buffer;
  /** First 12 hex digits of the SHA-256 of the content: the `v` of its URL and its ETag. */
  version: string;
}

/** The pictures, read once at startup and served from memory. */
export interface ProductImages {
  /** Number of pictures available. */
  readonly count: number;
  /** `/images/boot-brown.svg?v=…`: the path of a picture, versioned by its content so it can be cached for good. */
  path(file: string): string;
  /** Adds `GET /images/:file` to the app (the kit's `routes` option). */
  route(app: Express): void;
}

/**
 * Loads every picture of `dir` into memory and serves them at `/images/<file>.svg`: the right content
 * type, long cache headers for versioned URLs, ETags, and a strict allow-list of the files found, so no
 * request can reach anything else on disk (`..`, encoded slashes and unknown names are all 404).
 */
export async function loadProductImages(dir: string = PUBLIC_IMAGES_DIR): Promise<ProductImages> {
  const pictures = new Map<string, Picture>();
  for (const file of (await readdir(dir)).filter((name) => FILE_NAME.test(name)).sort()) {
    const body = await readFile(join(dir, file));
    if (body.length > MAX_BYTES) continue;
    pictures.set(file, { body, version: createHash('sha256').update(body).digest('hex').slice(0, 12) });
  }

  const serve = (req: Request, res: Response) => {
    const file = req.params.file;
    const picture = typeof file === 'string' && FILE_NAME.test(file) ? pictures.get(file) : undefined;
    if (!picture) {
      res.status(404).type('text/plain').send('Not found: no such product picture.');
      return;
    }
    const etag = `"${picture.version}"`;
    res.set({
      'Content-Type': 'image/svg+xml',
      'Cache-Control': req.query.v === picture.version ? IMMUTABLE : UNVERSIONED,
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
      // The shop's pages embed the pictures from this origin; an SVG opened directly runs nothing.
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
    if (req.headers['if-none-match'] === etag) {
      res.status(304).end();
      return;
    }
    res.send(picture.body);
  };

  return {
    count: pictures.size,
    path(file) {
      const picture = pictures.get(file);
      return picture ? `/images/${file}?v=${picture.version}` : `/images/${file}`;
    },
    route(app) {
      app.get('/images/:file', serve);
    },
  };
}
