import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definePrompt, defineResourceTemplate } from '../src/index.ts';
import { startTestService, type TestService } from '../src/testing/index.ts';
import { echoTool } from './support/fixture-tools.ts';

const ARTICLES: Record<string, string> = { 'returns-policy': '# Returns\nThirty days.', shipping: '# Shipping\nFast.' };

const articles = defineResourceTemplate({
  name: 'article',
  title: 'Help article',
  description: 'A help-center article as Markdown.',
  uriTemplate: 'docs://articles/{slug}',
  mimeType: 'text/markdown',
  list: async () => Object.keys(ARTICLES).map((slug) => ({ uri: `docs://articles/${slug}`, name: slug })),
  read: async ({ slug }) => (slug && ARTICLES[slug] ? { text: ARTICLES[slug] } : null),
});

const answerFromPolicy = definePrompt({
  name: 'answer_from_policy',
  title: 'Answer from policy',
  description: 'Answer a customer question from the help center only.',
  arguments: z.strictObject({ question: z.string().min(1).max(500).describe('The customer question') }),
  render: async ({ question }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Answer from policy only: ${question}` } }],
  }),
});

let svc: TestService;
let client: Client;

beforeAll(async () => {
  svc = await startTestService({
    name: 'docs-fixture',
    version: '1.0.0',
    tools: [echoTool],
    resources: [articles],
    prompts: [answerFromPolicy],
  });
  client = new Client({ name: 'resources-test', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(svc.url)));
});
afterAll(async () => {
  await client?.close();
  await svc?.stop();
});

describe('resources', () => {
  it('announces the template and lists every concrete resource', async () => {
    expect(client.getServerCapabilities()).toMatchObject({ resources: {}, prompts: {}, tools: {} });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates).toEqual([
      expect.objectContaining({ uriTemplate: 'docs://articles/{slug}', mimeType: 'text/markdown' }),
    ]);
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(['docs://articles/returns-policy', 'docs://articles/shipping']);
  });

  it('reads one by URI and answers an unknown one with a resource-not-found error', async () => {
    const { contents } = await client.readResource({ uri: 'docs://articles/returns-policy' });
    expect(contents).toEqual([
      { uri: 'docs://articles/returns-policy', mimeType: 'text/markdown', text: ARTICLES['returns-policy'] },
    ]);
    await expect(client.readResource({ uri: 'docs://articles/nope' })).rejects.toThrow(/Resource not found/);
    await expect(client.readResource({ uri: 'file:///etc/passwd' })).rejects.toThrow(/Resource not found/);
  });
});

describe('prompts', () => {
  it('lists prompts with their arguments and renders one', async () => {
    const { prompts } = await client.listPrompts();
    expect(prompts).toEqual([
      expect.objectContaining({
        name: 'answer_from_policy',
        arguments: [{ name: 'question', description: 'The customer question', required: true }],
      }),
    ]);
    const rendered = await client.getPrompt({
      name: 'answer_from_policy',
      arguments: { question: 'Can I return a gift?' },
    });
    expect(rendered.messages[0]?.content).toEqual({
      type: 'text',
      text: 'Answer from policy only: Can I return a gift?',
    });
  });

  it('names the missing argument, and refuses unknown prompts', async () => {
    await expect(client.getPrompt({ name: 'answer_from_policy', arguments: {} })).rejects.toMatchObject({
      code: -32602,
      message: expect.stringMatching(/question/),
    });
    await expect(client.getPrompt({ name: 'nope', arguments: {} })).rejects.toMatchObject({ code: -32602 });
  });
});
