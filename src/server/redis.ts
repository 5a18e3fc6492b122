/** session-security/server/redis: the shared stores, for several processes on one Redis 7 (node-redis clients). */
export { RedisActivityStore, type RedisActivityOptions, type RedisScripting } from './redis-activity.js';
export { RedisSessionLog } from './session-log.js';
export { RedisEndNotifier, type RedisSubscriber } from './session-events.js';
export { RedisKeptData } from './kept-data.js';
