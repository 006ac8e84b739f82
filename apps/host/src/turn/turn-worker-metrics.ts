import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface TurnWorkerMetrics {
  running: Gauge;
  queueWait: Histogram;
  jobs: Counter<'outcome'>;
}

/** The worker's own metrics (the turn runner's are in turn-metrics.ts). */
export function createTurnWorkerMetrics(registry: Registry): TurnWorkerMetrics {
  return {
    running: new Gauge({
      name: 'host_worker_running_turns',
      help: 'Turns this worker runs now',
      registers: [registry],
    }),
    queueWait: new Histogram({
      name: 'host_turn_queue_wait_seconds',
      help: 'Time a turn waited in the queue before a worker took it',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    jobs: new Counter({
      name: 'host_turn_jobs_total',
      help: 'Turn jobs by outcome: ran, resumed (after a lost worker), already-finished, gone, conversation-expired, failed',
      labelNames: ['outcome'],
      registers: [registry],
    }),
  };
}
