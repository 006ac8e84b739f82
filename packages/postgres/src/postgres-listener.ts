import pg from 'pg';
import type { Unlisten } from './database.ts';

/** Channel names are written into `LISTEN`, which takes no parameters: plain identifiers only. */
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
/** Wait before reconnecting a lost listening connection: a restarted server is back within seconds. */
export const LISTEN_RECONNECT_DELAY_MS = 1_000;

export interface PostgresListenerOptions {
  /** How to open the listening connection (the pool's URL, schema and timeouts). */
  connection: pg.ClientConfig;
  channel: string;
  onNotify: () => void;
  /** Told when the listening connection fails; it is then reopened every second until it is back. */
  onError: (error: Error) => void;
}

/**
 * LISTEN on a connection of its own, outside the pool (a pooled connection would carry the LISTEN to
 * whoever borrows it next). When that connection is lost it is reopened, and `onNotify` is called once
 * it is back, because whatever was notified in between is lost. The first connection failing throws.
 */
export async function listenOnPostgres(options: PostgresListenerOptions): Promise<Unlisten> {
  const { channel, onNotify, onError } = options;
  if (!CHANNEL_NAME.test(channel)) {
    throw new TypeError(`Notification channel "${channel}" is invalid: use lowercase letters, digits and underscores.`);
  }
  let stopped = false;
  let current: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;

  const lost = (client: pg.Client, error?: Error) => {
    if (error) onError(error);
    if (stopped || current !== client) return;
    current = undefined;
    client.end().catch(() => {});
    timer = setTimeout(reconnect, LISTEN_RECONNECT_DELAY_MS);
  };
  const connect = async () => {
    const client = new pg.Client(options.connection);
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    client.on('error', (error) => lost(client, error));
    client.on('end', () => lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    if (stopped) {
      await client.end();
      return;
    }
    current = client;
  };
  const reconnect = async () => {
    if (stopped) return;
    try {
      await connect();
      onNotify();
    } catch (error) {
      onError(error instanceof Error ? error : new Error(String(error)));
      if (!stopped) timer = setTimeout(reconnect, LISTEN_RECONNECT_DELAY_MS);
    }
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    const client = current;
    current = undefined;
    await client?.end();
  };
}
