// Loaded with `node --import` into a host process the bench starts: the host's code (apps/host/src, and so
// every package it imports) is read from another checkout (BENCH_HOST_CHECKOUT, e.g. a worktree of main),
// while the harness, the servers and model-sim stay this checkout's. Bench use only: a before/after of a
// change measured side by side in one run.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const checkout = process.env.BENCH_HOST_CHECKOUT;
if (!checkout) throw new Error('BENCH_HOST_CHECKOUT: set it to the root of the checkout whose host code to run');
const ours = new URL('../src/', import.meta.url).href;
const theirs = new URL('apps/host/src/', pathToFileURL(`${checkout.replace(/\/$/, '')}/`)).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    return resolved.url.startsWith(ours) ? { ...resolved, url: theirs + resolved.url.slice(ours.length) } : resolved;
  },
});
