/**
 * The demo's Redis parts, loaded only with REDIS_URL: express-session's blobs through
 * connect-redis (the store express-session's own docs list for Redis) and the activity
 * in RedisActivityStore, both on one node-redis client. node-redis rather than ioredis:
 * it is Redis's own client, connect-redis is written for it, and its TypeScript types
 * ship with it.
 */
import { createClient } from 'redis';
import { RedisStore } from 'connect-redis';
import { RedisActivityStore } from '../src/server/redis-activity.js';
import { RedisSessionLog } from '../src/server/session-log.js';
import { RedisEndNotifier } from '../src/server/session-events.js';

export interface DemoRedis {
  sessions: RedisStore;
  activity: RedisActivityStore;
  log: RedisSessionLog;
  notifier: RedisEndNotifier;
  close(): void;
}

/** `blobTtl`: seconds a session blob outlives the last request that touched it (see server.ts). */
export async function connectRedis(url: string, blobTtl: number): Promise<DemoRedis> {
  // disableOfflineQueue: while Redis is down, commands fail at once (pings answer 503)
  // instead of waiting for the reconnection past the element's ping timeout.
  const client = createClient({ url, disableOfflineQueue: true, socket: { reconnectStrategy: (retries) => Math.min(retries * 50, 500) } });
  let down = false;
  // Without an error listener a lost connection would crash the process; say it once per outage.
  client.on('error', (error: unknown) => {
    if (!down) console.error(`Redis: ${error instanceof Error ? error.message : String(error)} (retrying)`);
    down = true;
  });
  client.on('ready', () => {
    if (down) console.error('Redis: connected again');
    down = false;
  });
  await client.connect();
  // Pub/sub needs a connection of its own (a subscribed connection runs no other command).
  const subscriber = client.duplicate();
  subscriber.on('error', () => {}); // the main client reports outages
  await subscriber.connect();
  const notifier = await RedisEndNotifier.create(client, subscriber, 'session-security-demo:');
  return {
    notifier,
    sessions: new RedisStore({ client, prefix: 'session-security-demo:sess:', ttl: blobTtl }),
    activity: new RedisActivityStore(client, { prefix: 'session-security-demo:' }),
    log: new RedisSessionLog(client, 'session-security-demo:'),
    close: () => {
      subscriber.destroy();
      client.destroy();
    },
  };
}
