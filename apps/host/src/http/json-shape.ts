/** Bounds of a client-chosen JSON value the server walks (approval answers' `input`), with their reasons. */
export const JSON_SHAPE_LIMITS = {
  /** Nesting: tool arguments are a flat object or two deep; recursion over thousands of levels overflows. */
  maxDepth: 32,
  /** Values (objects, arrays, leaves) in all: a tool's arguments have tens. */
  maxNodes: 10_000,
} as const;

/**
 * Checks a parsed JSON value's depth and size without recursion (so the check itself cannot overflow the
 * stack). Returns the problem, or undefined when within {@link JSON_SHAPE_LIMITS}.
 */
export function jsonShapeProblem(value: unknown, limits = JSON_SHAPE_LIMITS): string | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  let nodes = 0;
  for (let next = pending.pop(); next; next = pending.pop()) {
    nodes++;
    if (nodes > limits.maxNodes) return `holds more than ${limits.maxNodes} values`;
    if (next.depth > limits.maxDepth) return `is nested deeper than ${limits.maxDepth} levels`;
    if (next.value !== null && typeof next.value === 'object') {
      for (const child of Object.values(next.value)) pending.push({ value: child, depth: next.depth + 1 });
    }
  }
  return undefined;
}
