import type { Logger } from 'pino';
import type { GatewayCallOptions, ToolGateway } from './tool-gateway.ts';
import type { TurnInput } from './turn-contract.ts';
import type { TurnLimits } from './turn-limits.ts';
import type { TurnMetrics } from './turn-metrics.ts';
import type { TurnTrace } from './turn-trace.ts';

/** What the tool-call steps of one turn share: the gateway, the turn, its call options, trace and metrics. */
export interface ToolCallContext {
  gateway: ToolGateway;
  input: TurnInput;
  /** Options of every call of this turn: the caller, the turn's signal and trace, the tool timeout. */
  callOptions: GatewayCallOptions;
  tracing: TurnTrace;
  limits: TurnLimits;
  log: Logger;
  metrics?: TurnMetrics;
  /** Epoch ms. */
  now: () => number;
  /** Ids of approval requests. */
  newId: () => string;
}
