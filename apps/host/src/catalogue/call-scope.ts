import { AsyncLocalStorage } from 'node:async_hooks';
import type { FetchLike } from '@modelcontextprotocol/client';

/** What ended a scope early: its deadline, the caller's signal, or the connection closing. */
export type ScopeAbortReason = 'timeout' | 'cancelled' | 'closed';

export interface CallScope {
  /** Aborts on the deadline, the caller's signal or the connection's close; never after the scope ends. */
  signal: AbortSignal;
  abortedBy(): ScopeAbortReason | undefined;
}

export interface CallScopeOptions {
  /** Deadline of the whole scope, in milliseconds. */
  timeoutMs: number;
  /** The caller's signal (a chat whose customer went away). */
  signal?: AbortSignal | undefined;
  /** The connection's own signal, aborted by `close()`. */
  closeSignal: AbortSignal;
}

const activeScope = new AsyncLocalStorage<AbortSignal>();

/**
 * Runs one MCP exchange under a deadline. The SDK's own timeout rejects the promise but, on the 2025
 * protocol, leaves the HTTP request open; here the scope's signal also reaches the transport's `fetch`
 * (see {@link createScopedFetch}), so a timed-out or abandoned call closes its request and the server's
 * handler is aborted instead of working for nobody.
 */
export async function runInCallScope<T>(options: CallScopeOptions, work: (scope: CallScope) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let reason: ScopeAbortReason | undefined;
  const abort = (why: ScopeAbortReason) => {
    if (reason) return;
    reason = why;
    controller.abort(new DOMException(`MCP call ${why}`, why === 'timeout' ? 'TimeoutError' : 'AbortError'));
  };
  const onCallerAbort = () => abort('cancelled');
  const onClose = () => abort('closed');
  const timer = setTimeout(() => abort('timeout'), options.timeoutMs);
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (options.closeSignal.aborted) onClose();
  else options.closeSignal.addEventListener('abort', onClose, { once: true });
  try {
    return await activeScope.run(controller.signal, () => work({ signal: controller.signal, abortedBy: () => reason }));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
    options.closeSignal.removeEventListener('abort', onClose);
  }
}

/**
 * Wraps the transport's `fetch` so each HTTP request also listens to the signal of the call scope it was
 * made in. Requests made outside any scope (none, in practice) keep only the transport's own signal.
 */
export function createScopedFetch(base: FetchLike): FetchLike {
  return (url, init) => {
    const scoped = activeScope.getStore();
    if (!scoped) return base(url, init);
    const signal = init?.signal ? AbortSignal.any([init.signal, scoped]) : scoped;
    return base(url, { ...init, signal });
  };
}
