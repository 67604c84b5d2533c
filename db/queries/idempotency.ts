import type { DbOrTx } from '../client.ts';
import { prepared } from './statements.ts';

export interface StoredAnswer {
  method: string;
  path: string;
  /** SHA-256 of the request's body; null on rows from before it was kept. */
  bodyHash: string | null;
  status: number;
  body: string;
}

export function findIdempotentAnswer(db: DbOrTx, userId: number, key: string): StoredAnswer | undefined {
  return prepared(db, 'select method, path, body_hash as bodyHash, status, body from idempotency_keys where user_id = ? and key = ?').get(userId, key) as StoredAnswer | undefined;
}

export function saveIdempotentAnswer(db: DbOrTx, userId: number, key: string, answer: StoredAnswer, at: string) {
  prepared(db, 'insert or ignore into idempotency_keys (user_id, key, method, path, body_hash, status, body, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)').run(
    userId,
    key,
    answer.method,
    answer.path,
    answer.bodyHash,
    answer.status,
    answer.body,
    at,
  );
}
