import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';
import { describe, expect, it, vi } from 'vitest';
import { createCompiledSchemaCache } from '../../src/catalogue/compiled-schema-cache.ts';

const productsOutput = () => ({
  type: 'object',
  properties: { products: { type: 'array', items: { type: 'object', required: ['sku'] } } },
  required: ['products'],
});

describe('output schemas compiled once per process', () => {
  it('compiles an equal schema once however often the SDK asks (a refreshed list is a new object), and still validates', () => {
    const ajv = new AjvJsonSchemaValidator();
    const compile = vi.spyOn(ajv, 'getValidator');
    const cache = createCompiledSchemaCache(ajv);

    const first = cache.getValidator(productsOutput());
    const again = cache.getValidator(productsOutput());
    expect(compile).toHaveBeenCalledTimes(1);
    expect(again).toBe(first);
    expect(again({ products: [{ sku: 'B-1' }] }).valid).toBe(true);
    const bad = again({ products: [{ name: 'no sku' }] });
    expect(bad.valid).toBe(false);
    expect(bad.errorMessage).toMatch(/sku/);
  });

  it('compiles a changed schema anew, so data is never checked against an old one', () => {
    const ajv = new AjvJsonSchemaValidator();
    const compile = vi.spyOn(ajv, 'getValidator');
    const cache = createCompiledSchemaCache(ajv);
    cache.getValidator(productsOutput());
    const changed = { ...productsOutput(), required: ['products', 'total'] };
    const validator = cache.getValidator(changed);
    expect(compile).toHaveBeenCalledTimes(2);
    expect(validator({ products: [] }).valid).toBe(false);
  });

  it('keeps no validator for a schema that does not compile: the SDK sees the error each time', () => {
    const cache = createCompiledSchemaCache();
    const broken = { type: 'object', properties: { sku: { type: 'string', pattern: '(' } } };
    expect(() => cache.getValidator(broken)).toThrow();
    expect(() => cache.getValidator(broken)).toThrow();
  });
});
