/**
 * Password hashing: argon2id (memory-hard) from @node-rs/argon2, with the parameters
 * OWASP recommends as a minimum (19 MiB, 2 passes, 1 lane). The PHC string carries
 * its own salt and parameters, so raising them later still verifies old hashes.
 */
import { hash, verify, type Options } from '@node-rs/argon2';
import { reviewedCast } from '../../../shared/reviewed-cast';

// The package's Algorithm is a const enum that does not exist at run time; 2 is Argon2id.
const ARGON2ID = reviewedCast<NonNullable<Options['algorithm']>>(2, 'Argon2id in the const enum');

const HASH_OPTIONS: Options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** Longest password accepted: argon2 takes any length, but a megabyte "password" is an attack. */
const MAX_PASSWORD_LENGTH = 1024;
const MIN_PASSWORD_LENGTH = 10;

export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}

export async function hashPassword(password: string): Promise<string> {
  const phc = await hash(password, HASH_OPTIONS);
  if (!phc.startsWith('$argon2id$')) throw new Error('the password hash is not argon2id');
  return phc;
}

/** False for a wrong password and for a hash that is not a readable argon2id string. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  if (!phc.startsWith('$argon2id$') || password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password nobody knows, checked when the officer ID does not exist, so an
 * unknown ID costs the same time as a wrong password and does not reveal which IDs exist.
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  return decoy;
}
