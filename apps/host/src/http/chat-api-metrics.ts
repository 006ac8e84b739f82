import { Counter, Gauge, type Registry } from 'prom-client';

export interface ChatApiMetrics {
  requests: Counter<'route' | 'status'>;
  openStreams: Gauge;
}

/** Chat API request and stream metrics, on the host's registry. */
export function createChatApiMetrics(registry: Registry): ChatApiMetrics {
  return {
    requests: new Counter({
      name: 'host_chat_requests_total',
      help: 'Chat API requests by route (chat, history, resume, openapi) and HTTP status.',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    openStreams: new Gauge({
      name: 'host_chat_open_streams',
      help: 'Chat streams (POST /api/chat and resumes) being sent to browsers now.',
      registers: [registry],
    }),
  };
}
