import type { JsonSchemaValidator, jsonSchemaValidator } from '@modelcontextprotocol/client';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv';

/** Distinct output schemas whose compiled validators are kept: a few per tool, tens of tools. */
const MAX_COMPILED_SCHEMAS = 1_000;

/**
 * A JSON Schema validator provider that compiles each distinct schema once per process. The SDK client
 * compiles every listed tool's `outputSchema` again whenever its `tools/list` is re-read (each refresh,
 * each reconnection's fresh client), and compiling (ajv's code generation) costs far more than
 * validating; the schemas themselves rarely change. Keyed by the schema's JSON text, so a changed schema
 * is compiled anew and never validated against an old one.
 */
export function createCompiledSchemaCache(
  inner: jsonSchemaValidator = new AjvJsonSchemaValidator(),
): jsonSchemaValidator {
  const compiled = new Map<string, JsonSchemaValidator<unknown>>();
  return {
    getValidator<T>(schema: Parameters<jsonSchemaValidator['getValidator']>[0]): JsonSchemaValidator<T> {
      const key = JSON.stringify(schema);
      let validator = compiled.get(key);
      if (validator === undefined) {
        // A schema that does not compile throws here and is not kept: the SDK reports it per tool.
        validator = inner.getValidator<unknown>(schema);
        if (compiled.size >= MAX_COMPILED_SCHEMAS) compiled.clear();
        compiled.set(key, validator);
      }
      // The validator checks the data against the schema; the type parameter is the caller's claim.
      return validator as JsonSchemaValidator<T>;
    },
  };
}
