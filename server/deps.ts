import type { Db } from '../db/client.ts';
import type { Clock, Config } from './config.ts';

/** What every service and route needs, injected by createApp. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
}
