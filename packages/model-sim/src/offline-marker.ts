/**
 * Starts every text model-sim writes, so nobody mistakes a demo answer for a real model's (docs/architecture.md:
 * "labelled as an offline demo model wherever it answers"). Pinned by tests: hosts and widgets may look for it.
 */
export const OFFLINE_MARKER = '[offline demo model]';

/** A tool name in words: `track_shipment` → "track shipment". */
export function humanizeName(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
}
