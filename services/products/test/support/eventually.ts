import { LIVE_CATALOGUE_DEFAULTS } from '../../src/catalogue/live-catalogue.ts';

/**
 * Retries `check` until it passes or five times the catalogue's staleness bound is over (room for a loaded
 * CI machine): a change in the database must show within the bound, by notification or version check.
 */
export async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + LIVE_CATALOGUE_DEFAULTS.staleAfterMs * 5;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}
