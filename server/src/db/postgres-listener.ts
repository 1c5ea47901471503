import pg from 'pg';

/** LISTEN on a connection of its own: PostgreSQL delivers NOTIFY only to a session that listens. */
export interface PostgresListener {
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

/**
 * One dedicated client for every channel of a database. When its connection is lost (a database
 * restart, a network cut) it says so in one line and connects again, first after 1 s, then
 * doubling up to 30 s, and listens again on every channel that still has a listener.
 */
export function postgresListener(connectionString: string, log: (line: string) => void = (line) => console.error(line)): PostgresListener {
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let client: pg.Client | undefined;
  let connecting: Promise<pg.Client> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryMs = RETRY_FIRST_MS;
  let closed = false;

  const scheduleReconnect = () => {
    if (closed || retryTimer || handlers.size === 0) return;
    const wait = retryMs;
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect().catch(() => undefined);
    }, wait);
    retryTimer.unref();
  };

  const connect = (): Promise<pg.Client> => {
    connecting ??= (async () => {
      const c = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000, keepAlive: true });
      let lost = false;
      const onLost = (err?: Error) => {
        if (lost) return;
        lost = true;
        if (client === c) client = undefined;
        c.removeAllListeners('notification');
        c.end().catch(() => undefined);
        if (closed) return;
        log(`PostgreSQL listener: connection lost (${err?.message ?? 'ended'}); connecting again in ${retryMs / 1000} s`);
        scheduleReconnect();
      };
      c.on('error', onLost);
      c.on('end', () => onLost());
      c.on('notification', (msg) => {
        for (const handler of handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
      });
      try {
        await c.connect();
        for (const channel of handlers.keys()) await c.query(`listen ${channel}`);
      } catch (err) {
        onLost(err as Error);
        throw err;
      }
      if (closed) {
        await c.end().catch(() => undefined);
        throw new Error('PostgreSQL listener closed');
      }
      client = c;
      retryMs = RETRY_FIRST_MS;
      return c;
    })().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };

  return {
    async listen(channel, onMessage) {
      if (!CHANNEL.test(channel)) throw new Error(`Not a channel name: ${channel}`);
      if (closed) throw new Error('PostgreSQL listener closed');
      let set = handlers.get(channel);
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(onMessage);
      try {
        // LISTEN twice on one session is harmless: a client that connected meanwhile has it already.
        const c = client ?? (await connect());
        await c.query(`listen ${channel}`);
      } catch {
        // Logged where the connection was lost; it listens again once it is back.
        scheduleReconnect();
      }
      return async () => {
        set.delete(onMessage);
        if (set.size > 0 || handlers.get(channel) !== set) return;
        handlers.delete(channel);
        await client?.query(`unlisten ${channel}`).catch(() => undefined);
      };
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      handlers.clear();
      await connecting?.catch(() => undefined);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
