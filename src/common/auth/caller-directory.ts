import type { Caller } from './caller';

/** What the directory knows about a presented key: usable, refused (with why), or unknown. */
export type DirectoryLookup = { status: 'active'; caller: Caller } | { status: 'disabled' | 'expired'; keyName: string } | undefined;

/**
 * Keys managed at runtime (src/keys), looked up by the SHA-256 hex digest of the presented secret from an
 * in-memory cache, so authentication never waits on the database. Optional: without it only env keys exist.
 */
export abstract class CallerDirectory {
  abstract lookup(secretSha256Hex: string): DirectoryLookup;
}
