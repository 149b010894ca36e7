import type { BudgetPeriod } from './budget-period';
import type { KeySettings } from './key-settings';

/** A key managed at runtime, as cached by every replica (the secret itself is never kept). */
export interface KeyRecord extends KeySettings {
  id: string;
  secretHash: string;
  secretHint: string;
  source: 'api' | 'config';
  createdAt: Date;
  updatedAt: Date;
  rotatedAt: Date | null;
  /** The secret the last rotation replaced, accepted until `previousSecretValidUntil` (its grace period). */
  previousSecretHash: string | null;
  previousSecretValidUntil: Date | null;
}

/** A company's spend limit. */
export interface CompanyBudgetRecord {
  companyId: number;
  limitUsd: string;
  period: BudgetPeriod;
  note: string;
  source: 'api' | 'config';
  updatedAt: Date;
}

/** What the admin API and page show of a key: everything but its hashes (a grace period that ended shows as null). */
export type KeyView = Omit<KeyRecord, 'secretHash' | 'previousSecretHash'> & { state: 'active' | 'disabled' | 'expired'; readOnly: false };

/** An environment key (API_KEY, API_KEYS) listed beside the managed ones; changed only by redeploying. */
export interface EnvKeyView {
  name: string;
  companies: number[];
  source: 'env';
  state: 'active';
  readOnly: true;
}

export function keyState(key: KeyRecord, now: Date): KeyView['state'] {
  if (key.disabled) return 'disabled';
  if (key.expiresAt && key.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export function toKeyView(key: KeyRecord, now: Date): KeyView {
  const { secretHash: _hash, previousSecretHash: _previous, ...rest } = key;
  return { ...rest, previousSecretValidUntil: previousSecretAccepted(key, now) ? key.previousSecretValidUntil : null, state: keyState(key, now), readOnly: false };
}

/** Whether the secret the last rotation replaced is still accepted (its grace period has not ended). */
export function previousSecretAccepted(key: KeyRecord, now: Date): boolean {
  return key.previousSecretHash !== null && key.previousSecretValidUntil !== null && key.previousSecretValidUntil.getTime() > now.getTime();
}
