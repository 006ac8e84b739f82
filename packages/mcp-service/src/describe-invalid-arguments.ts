import type { z } from 'zod';

/** How many problems to name; more would bury the first one. */
const MAX_ISSUES_SHOWN = 5;

/**
 * Turns zod issues into one sentence that names each field and its problem, e.g.
 * `order_number: must look like A-1042; items[0].quantity: expected number, received string`.
 * Written for a model that must correct its call, so it names paths, never echoes values.
 */
export function describeInvalidArguments(error: z.ZodError): string {
  const parts = error.issues.slice(0, MAX_ISSUES_SHOWN).map((issue) => {
    const path = formatPath(issue.path);
    const message = issue.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : issue.message;
    return path ? `${path}: ${message}` : message;
  });
  const more = error.issues.length - MAX_ISSUES_SHOWN;
  return `Invalid arguments: ${parts.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
