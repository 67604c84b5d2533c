import type { Db } from '../db/client.ts';
import type { GroupCommit } from '../db/group-commit.ts';
import type { Clock, Config } from './config.ts';

/** What every service and route needs, injected by createApp. */
export interface Deps {
  db: Db;
  clock: Clock;
  config: Config;
  /**
   * The app's group commit (db/group-commit.ts), set by createApp: an import writes through it
   * in slices. Without it (a service called directly) an import writes in one transaction.
   */
  groupCommit?: GroupCommit;
}
