import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface SecurityHeadersOptions {
  /** CSP sources (`'sha256-…'`) of the inline scripts of the pages the host serves (the demo page's). */
  inlineScriptHashes?: readonly string[];
}

/**
 * Security headers on every answer (helmet). The Content-Security-Policy is the one the demo page and the
 * widget run under: scripts from this origin and the page's own inline script (by hash), styles inline (the
 * widget styles its shadow root and elements), pictures from the products server, requests to this origin
 * only. No page of the host may be framed (clickjacking of the approval buttons or the console):
 * `frame-ancestors 'none'` and `X-Frame-Options: DENY`. `Cross-Origin-Resource-Policy: same-origin` except
 * for `/widget.js`, which shops embed from their own origin (its route says so). No `Referer` leaves a page,
 * so conversation ids in URLs stay here.
 */
export function createSecurityHeaders(options: SecurityHeadersOptions = {}): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...(options.inlineScriptHashes ?? [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Product pictures: https in a deployment, the products server on this machine in development.
        imgSrc: ["'self'", 'data:', 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}

/** The CSP hash sources of the inline `<script>` elements of an HTML page (not of `<script src>`). */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '')
        .digest('base64')}'`,
  );
}
