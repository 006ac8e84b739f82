import type { z } from 'zod';

export interface PromptMessage {
  role: 'user' | 'assistant';
  content: { type: 'text'; text: string };
}

/** A reusable prompt template; its arguments are strings, as MCP prompts require. */
export interface PromptDefinition<Args extends z.ZodObject = z.ZodObject> {
  name: string;
  title: string;
  description: string;
  arguments: Args;
  render(args: z.output<Args>): Promise<{ description?: string; messages: PromptMessage[] }>;
}

// biome-ignore lint/suspicious/noExplicitAny: argument types vary per prompt; each is checked where it is written.
export type AnyPromptDefinition = PromptDefinition<any>;

export function definePrompt<Args extends z.ZodObject>(definition: PromptDefinition<Args>): PromptDefinition<Args> {
  return Object.freeze(definition);
}
