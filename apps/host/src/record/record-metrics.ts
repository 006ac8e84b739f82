import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The conversation record's health: how far behind it is, and what it writes. */
export interface RecordMetrics {
  backlog: Gauge;
  writes: Counter<'result'>;
  rows: Counter;
  dropped: Counter<'reason'>;
  /** Time to the first token of each turn, from the facts the record gathers (the dashboard's TTFT). */
  ttft: Histogram;
}

/**
 * `backlog`, when given, is read at each scrape (the BullMQ queue's count, shared by every worker); without
 * it the in-process write queue sets the gauge as it changes.
 */
export function createRecordMetrics(registry: Registry, backlog?: () => Promise<number>): RecordMetrics {
  return {
    backlog: new Gauge({
      name: 'host_record_backlog',
      help: 'Finished turns waiting to be written to the conversation record (grows while the database is down).',
      registers: [registry],
      ...(backlog
        ? {
            async collect() {
              this.set(await backlog().catch(() => Number.NaN));
            },
          }
        : {}),
    }),
    writes: new Counter({
      name: 'host_record_writes_total',
      help: 'Record write attempts by result: written, duplicate (already on record), retry (failed, will retry).',
      labelNames: ['result'],
      registers: [registry],
    }),
    rows: new Counter({
      name: 'host_record_rows_total',
      help: 'Rows written to the conversation record.',
      registers: [registry],
    }),
    dropped: new Counter({
      name: 'host_record_dropped_total',
      help: 'Finished turns never recorded, by reason: backlog_full, rejected (the database refused the data), attempts_exhausted, enqueue_failed (Redis away).',
      labelNames: ['reason'],
      registers: [registry],
    }),
    ttft: new Histogram({
      name: 'host_turn_ttft_seconds',
      help: 'Time from the start of a turn to its first text delta (turns that wrote text).',
      buckets: [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5, 8, 13, 20, 30],
      registers: [registry],
    }),
  };
}
