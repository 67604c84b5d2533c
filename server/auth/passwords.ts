import { hash, verify, type Options } from '@node-rs/argon2';
import type { Config } from '../config.ts';

/** Argon2id, as @node-rs/argon2 numbers it (its `Algorithm` is a const enum). */
const ARGON2ID = 2 as Options['algorithm'];

export function hashPassword(password: string, config: Config): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...config.passwordHash });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
