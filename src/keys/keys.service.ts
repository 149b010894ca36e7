import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AdminAuditRepository } from 'src/admin/admin-audit.repository';
import type { Caller } from 'src/common/auth';
import { RequestValidationError } from 'src/common/errors';
import { AppConfig } from 'src/config';
import { KeyDirectory } from './key-directory';
import { type CompanyBudgetRecord, type EnvKeyView, type KeyView, toKeyView } from './key-records';
import { newSecret, secretDigest, secretHint } from './key-secret';
import { type Checked, checkCompanyBudget, checkKeySettings, checkRotation, type KeySettings } from './key-settings';
import { KeysRepository } from './keys.repository';

/** A key as just created or rotated: the only time its secret is shown. */
export interface IssuedKey {
  key: KeyView;
  secret: string;
}

/** Runtime key and company-budget management; every change is audited and reaches every replica within seconds. */
@Injectable()
export class KeysService {
  constructor(
    private readonly repository: KeysRepository,
    private readonly directory: KeyDirectory,
    private readonly audit: AdminAuditRepository,
    private readonly config: AppConfig,
  ) {}

  /** Environment keys first (read-only), then the managed ones by name. */
  list(): { keys: (EnvKeyView | KeyView)[]; companyBudgets: CompanyBudgetRecord[] } {
    const now = new Date();
    const env: EnvKeyView[] = this.config.auth.keys.map((k) => ({ name: k.name, companies: k.companies ?? [], source: 'env', state: 'active', readOnly: true }));
    const managed = this.directory
      .keys()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((k) => toKeyView(k, now));
    return { keys: [...env, ...managed], companyBudgets: this.directory.companyBudgets().sort((a, b) => a.companyId - b.companyId) };
  }

  async create(caller: Caller, body: unknown, source: 'api' | 'config' = 'api', secret = newSecret()): Promise<IssuedKey> {
    const settings = valid(checkKeySettings(body, 'create', new Date())) as KeySettings;
    this.assertNameFree(settings.name);
    const record = await this.repository
      .createKey({
        ...settings,
        id: `key_${randomUUID().replace(/-/g, '').slice(0, 20)}`,
        secretHash: secretDigest(secret),
        secretHint: secretHint(secret),
        source,
        rotatedAt: null,
        previousSecretHash: null,
        previousSecretValidUntil: null,
      })
      .catch((error: { code?: string }) => {
        if (error.code === 'P2002') throw new ConflictException(`A key named "${settings.name}" already exists`);
        throw error;
      });
    await this.changed(caller, 'key.create', record.name, { source });
    return { key: toKeyView(record, new Date()), secret };
  }

  async update(caller: Caller, id: string, body: unknown): Promise<KeyView> {
    const settings = valid(checkKeySettings(body, 'update', new Date()));
    const record = await this.repository.updateKey(id, settings);
    if (!record) throw unknownKey(id);
    await this.changed(caller, 'key.update', record.name, { fields: Object.keys(settings).join(',') });
    return toKeyView(record, new Date());
  }

  setDisabled(caller: Caller, id: string, disabled: boolean): Promise<KeyView> {
    return this.update(caller, id, { disabled });
  }

  /**
   * A new secret for the same key (same limits, budget and spend). The old secret stops working on every replica
   * at once, or after `gracePeriodSeconds` so its callers can move to the new one without an outage; a key
   * rotated again meanwhile keeps only the secret just replaced. A key from the config file is rotated there.
   */
  async rotate(caller: Caller, id: string, body: unknown = {}): Promise<IssuedKey> {
    const graceSeconds = valid(checkRotation(body));
    const current = await this.repository.keyById(id);
    if (!current) throw unknownKey(id);
    if (current.source === 'config') throw new ConflictException(`Key "${current.name}" comes from the keys config file: give it a new secretSha256 or secretEnv there`);
    const secret = newSecret();
    const now = new Date();
    const validUntil = graceSeconds > 0 ? new Date(now.getTime() + graceSeconds * 1000) : null;
    const record = await this.repository.rotateKey(id, { hash: secretDigest(secret), hint: secretHint(secret) }, now, validUntil);
    if (!record) throw unknownKey(id);
    await this.changed(caller, 'key.rotate', record.name, { gracePeriodSeconds: String(graceSeconds) });
    return { key: toKeyView(record, now), secret };
  }

  async remove(caller: Caller, id: string): Promise<{ deleted: string }> {
    const record = await this.repository.deleteKey(id);
    if (!record) throw unknownKey(id);
    await this.changed(caller, 'key.delete', record.name);
    return { deleted: record.name };
  }

  async setCompanyBudget(caller: Caller, companyId: number, body: unknown, source: 'api' | 'config' = 'api'): Promise<CompanyBudgetRecord> {
    assertCompanyId(companyId);
    const settings = valid(checkCompanyBudget(body));
    const record = await this.repository.upsertCompanyBudget({ companyId, ...settings, source });
    await this.changed(caller, 'budget.set', `company:${companyId}`, { limitUsd: settings.limitUsd, period: settings.period });
    return record;
  }

  async removeCompanyBudget(caller: Caller, companyId: number): Promise<{ deleted: number }> {
    assertCompanyId(companyId);
    if (!(await this.repository.deleteCompanyBudget(companyId))) throw new NotFoundException(`Company ${companyId} has no budget`);
    await this.changed(caller, 'budget.delete', `company:${companyId}`);
    return { deleted: companyId };
  }

  /** Names of the environment keys and the admin key, which a managed key may not take. */
  private assertNameFree(name: string): void {
    const reserved = new Set(['admin', ...this.config.auth.keys.map((k) => k.name)]);
    if (reserved.has(name)) throw new ConflictException(`"${name}" is the name of an environment key: choose another name`);
  }

  private async changed(caller: Caller, action: string, target: string, detail?: Record<string, string>): Promise<void> {
    await this.directory.changed();
    await this.audit.record({ keyName: caller.keyName, action, target, detail });
  }
}

function valid<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new RequestValidationError(checked.problems);
  return checked.value;
}

function assertCompanyId(companyId: number): void {
  if (!Number.isInteger(companyId) || companyId <= 0 || companyId > 2_147_483_647) throw new RequestValidationError([{ field: 'companyId', problems: ['must be a positive integer'] }]);
}

function unknownKey(id: string): NotFoundException {
  return new NotFoundException(`No key with id "${id}": list the keys with GET /api/admin/keys`);
}
