import { AnthropicBedrock } from '@anthropic-ai/bedrock-sdk';
import Anthropic from '@anthropic-ai/sdk';
import type { BaseAnthropic, ClientOptions } from '@anthropic-ai/sdk/client';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';

/** Who serves Claude: Anthropic's API (or model-sim), Amazon Bedrock, or Google Vertex AI. */
export const CLAUDE_PROVIDERS = ['anthropic', 'bedrock', 'vertex'] as const;
export type ClaudeProvider = (typeof CLAUDE_PROVIDERS)[number];

/**
 * What the turn runner needs of a client: the streamed Messages API. Anthropic's own SDK packages give the
 * same surface for the three providers, so the loop, its fixtures and its tests do not change with them.
 */
export type ModelClient = BaseAnthropic & { messages: Pick<Anthropic['messages'], 'stream'> };

export interface ModelClientSettings {
  provider: ClaudeProvider;
  /** Anthropic only (a placeholder for model-sim). Bedrock and Vertex use the cloud's own credentials. */
  apiKey: string;
  /** Another endpoint: model-sim for `anthropic`, a private endpoint or proxy for the clouds. */
  baseUrl?: string;
  maxRetries: number;
  /** Bedrock: the AWS region (else `AWS_REGION`); credentials come from the AWS default chain. */
  awsRegion?: string;
  /** Vertex: the region (`CLOUD_ML_REGION`, `global` allowed) and project; credentials from Google ADC. */
  vertexRegion?: string;
  vertexProjectId?: string;
}

/**
 * What the process adds beyond settings: the rate-limited fetch, and in tests a Google auth client that
 * never reaches Google (AWS credentials come from the default chain, which reads the environment first).
 */
export interface ModelClientOverrides {
  fetch?: ClientOptions['fetch'];
  vertexAuthClient?: NonNullable<ConstructorParameters<typeof AnthropicVertex>[0]>['authClient'];
}

export function createModelClient(settings: ModelClientSettings, overrides: ModelClientOverrides = {}): ModelClient {
  const common = {
    maxRetries: settings.maxRetries,
    ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}),
    ...(overrides.fetch ? { fetch: overrides.fetch } : {}),
  };
  switch (settings.provider) {
    case 'bedrock':
      return new AnthropicBedrock({
        ...common,
        ...(settings.awsRegion ? { awsRegion: settings.awsRegion } : {}),
        // `null`: sign every request with AWS credentials, never with a stray AWS_BEARER_TOKEN_BEDROCK.
        apiKey: null,
      });
    case 'vertex':
      return new AnthropicVertex({
        ...common,
        ...(settings.vertexRegion ? { region: settings.vertexRegion } : {}),
        ...(settings.vertexProjectId ? { projectId: settings.vertexProjectId } : {}),
        ...(overrides.vertexAuthClient ? { authClient: overrides.vertexAuthClient } : {}),
      });
    default:
      return new Anthropic({ ...common, apiKey: settings.apiKey });
  }
}
