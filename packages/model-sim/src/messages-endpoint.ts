import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { apiErrorBody } from './api-error.ts';
import { buildMessage } from './build-message.ts';
import { splitIntoCacheUnits } from './cache-units.ts';
import type { ModelSimMetrics } from './model-sim-metrics.ts';
import { parseMessagesRequest } from './parse-messages-request.ts';
import { planReply } from './plan-reply.ts';
import type { PromptCache } from './prompt-cache.ts';
import { createSseWriter } from './sse-writer.ts';
import { generationMs, type Pacing, streamMessage } from './stream-message.ts';

export interface MessagesEndpointOptions {
  pacing: Pacing;
  promptCache: PromptCache;
  metrics: ModelSimMetrics;
  log: Logger;
  now: () => Date;
}

/**
 * `POST /v1/messages`: validate, plan the reply, account the prompt cache, then answer as one JSON
 * message or as an SSE stream, at the configured pace. A client that disconnects stops the work.
 */
export function createMessagesEndpoint(options: MessagesEndpointOptions): RequestHandler {
  const { pacing, promptCache, metrics, log, now } = options;
  return async (req, res) => {
    const startedAt = performance.now();
    const requestId = String(res.locals.requestId);
    const request = parseMessagesRequest(req.body);
    const plan = planReply(request, now());
    const cache = promptCache.account(request.model, splitIntoCacheUnits(request));
    const message = buildMessage(request, plan, cache);
    const stream = request.stream === true ? 'true' : 'false';

    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });

    let completed = false;
    if (request.stream) {
      res.status(200);
      res.setHeader('content-type', 'text/event-stream; charset=utf-8');
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('connection', 'keep-alive');
      res.flushHeaders();
      const sse = createSseWriter(res, controller.signal);
      try {
        await streamMessage(sse, message, pacing, controller.signal);
        completed = true;
      } catch (error) {
        if (!controller.signal.aborted) {
          // Headers are gone: the API reports a failure mid-stream as an `error` event.
          log.error({ requestId, err: error }, 'stream failed');
          await sse.send('error', apiErrorBody('api_error', 'Internal server error', requestId)).catch(() => {});
        }
      } finally {
        sse.end();
      }
    } else {
      try {
        const wait = generationMs(message, pacing);
        if (wait > 0) await sleep(wait, undefined, { signal: controller.signal });
        res.json(message);
        completed = true;
      } catch (error) {
        if (!controller.signal.aborted) throw error;
      }
    }

    if (!completed) {
      metrics.clientAborts.inc();
      log.info({ requestId, stream: request.stream === true }, 'client disconnected before the answer was complete');
      return;
    }
    record(metrics, message, stream, startedAt);
    log.info(
      {
        requestId,
        model: request.model,
        stream: request.stream === true,
        stopReason: message.stop_reason,
        toolUses: message.content.flatMap((block) => (block.type === 'tool_use' ? [block.name] : [])),
        inputTokens: message.usage.input_tokens,
        cacheReadTokens: message.usage.cache_read_input_tokens,
        cacheCreationTokens: message.usage.cache_creation_input_tokens,
        outputTokens: message.usage.output_tokens,
        durationMs: Math.round(performance.now() - startedAt),
      },
      'message answered',
    );
  };
}

/** `POST /v1/messages/count_tokens`: the request's input tokens, as `messages.countTokens()` expects. */
export function createCountTokensEndpoint(): RequestHandler {
  return (req, res: Response) => {
    const request = parseMessagesRequest(req.body, { countingTokens: true });
    const inputTokens = splitIntoCacheUnits(request).reduce((sum, unit) => sum + unit.tokens, 0);
    res.json({ input_tokens: inputTokens });
  };
}

function record(metrics: ModelSimMetrics, message: ReturnType<typeof buildMessage>, stream: string, startedAt: number) {
  const usage = message.usage;
  metrics.requests.inc({ status: '200', stream });
  metrics.duration.observe({ stream }, (performance.now() - startedAt) / 1000);
  metrics.tokens.inc({ kind: 'input' }, usage.input_tokens);
  metrics.tokens.inc({ kind: 'cache_read' }, usage.cache_read_input_tokens ?? 0);
  metrics.tokens.inc({ kind: 'cache_creation' }, usage.cache_creation_input_tokens ?? 0);
  metrics.tokens.inc({ kind: 'output' }, usage.output_tokens);
  metrics.stopReasons.inc({ stop_reason: message.stop_reason ?? 'none' });
  metrics.toolUses.inc(message.content.filter((block) => block.type === 'tool_use').length);
}
