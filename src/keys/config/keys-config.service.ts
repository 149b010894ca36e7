import { BadRequestException, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type Stats, unwatchFile, watchFile } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { AdminAuditRepository } from 'src/admin/admin-audit.repository';
import type { Caller } from 'src/common/auth';
import { AppConfig } from 'src/config';
import { KeyDirectory } from '../key-directory';
import { KeysRepository } from '../keys.repository';
import { parseKeysConfig, type KeysConfig } from './keys-config-file';

/** The keys config file could not be applied; the message names every problem. */
export class KeysConfigError extends BadRequestException {
  constructor(
    readonly problems: string[],
    path: string,
  ) {
    super({ message: `Keys config ${path} not applied (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`, problems });
  }
}

export interface ConfigApplied {
  path: string;
  created: string[];
  updated: string[];
  companyBudgets: number[];
}

/** The audit name of changes the service makes from the file by itself (start-up, file changed). */
const STARTUP: Caller = { keyName: 'config-file', companies: null, isAdmin: true };

/**
 * Bootstraps keys and company budgets from KEYS_CONFIG_PATH: at start-up (an invalid file stops start-up,
 * naming every problem), when the file changes (checked every KEYS_REFRESH_MS; an invalid change is logged and
 * the keys stay as they were) and on POST /api/admin/keys/config/reload (all or nothing). Keys from the file are
 * matched by name and marked `config`; a name already used by an admin-created or environment key is an error.
 */
@Injectable()
export class KeysConfigService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(KeysConfigService.name);
  private watching?: (current: Stats, previous: Stats) => void;

  constructor(
    private readonly config: AppConfig,
    private readonly repository: KeysRepository,
    private readonly directory: KeyDirectory,
    private readonly audit: AdminAuditRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.keys.configPath) return;
    const path = this.config.keys.configPath;
    this.report(await this.apply(STARTUP));
    this.watching = (current, previous) => {
      if (current.mtimeMs === previous.mtimeMs && current.size === previous.size) return;
      this.apply(STARTUP).then(
        (applied) => this.report(applied),
        (error: Error) =>
          this.logger.error(`keys config change not applied, keys unchanged: ${error instanceof KeysConfigError ? (error.getResponse() as { message: string }).message : error.message}`),
      );
    };
    watchFile(path, { interval: this.config.keys.refreshMs, persistent: false }, this.watching);
  }

  onApplicationShutdown(): void {
    if (this.watching && this.config.keys.configPath) unwatchFile(this.config.keys.configPath, this.watching);
  }

  private report(applied: ConfigApplied): void {
    this.logger.log(`keys config ${applied.path}: ${applied.created.length} key(s) created, ${applied.updated.length} updated, ${applied.companyBudgets.length} company budget(s)`);
  }

  async apply(caller: Caller): Promise<ConfigApplied> {
    const path = this.config.keys.configPath;
    if (!path) throw new BadRequestException('KEYS_CONFIG_PATH is not set: there is no keys config file to reload');
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new KeysConfigError([`cannot read the file (${error.code ?? error.message})`], path);
    });
    const checked = parseKeysConfig(text, process.env, new Date());
    if (!checked.ok) throw new KeysConfigError(checked.problems, path);
    const applied = await this.write(checked.config, path);
    await this.directory.changed();
    await this.audit.record({
      keyName: caller.keyName,
      action: 'keys.config.apply',
      target: path,
      detail: { created: applied.created.join(','), updated: applied.updated.join(','), companyBudgets: applied.companyBudgets.join(',') },
    });
    return applied;
  }

  private async write(config: KeysConfig, path: string): Promise<ConfigApplied> {
    const existing = new Map((await this.repository.keys()).map((k) => [k.name, k]));
    const reserved = new Set(['admin', ...this.config.auth.keys.map((k) => k.name)]);
    const problems = config.keys.flatMap(({ settings: { name } }) =>
      reserved.has(name)
        ? [`keys (${name}): "${name}" is an environment key`]
        : existing.get(name)?.source === 'api'
          ? [`keys (${name}): a key "${name}" was created through the admin API; rename one of them`]
          : [],
    );
    if (problems.length) throw new KeysConfigError(problems, path);
    const applied: ConfigApplied = { path, created: [], updated: [], companyBudgets: [] };
    for (const { settings, secretSha256 } of config.keys) {
      const fields = { ...settings, secretHash: secretSha256, secretHint: '(config file)', source: 'config' as const };
      const current = existing.get(settings.name);
      if (current) {
        await this.repository.updateKey(current.id, fields);
        applied.updated.push(settings.name);
      } else {
        // Replicas starting together race to create the same key: the loser finds it made and moves on.
        const created = await this.repository
          .createKey({ ...fields, id: `key_${randomUUID().replace(/-/g, '').slice(0, 20)}`, rotatedAt: null, previousSecretHash: null, previousSecretValidUntil: null })
          .catch((error: { code?: string }) => {
            if (error.code === 'P2002') return undefined;
            throw error;
          });
        (created ? applied.created : applied.updated).push(settings.name);
      }
    }
    for (const budget of config.companyBudgets) {
      await this.repository.upsertCompanyBudget({ ...budget, source: 'config' });
      applied.companyBudgets.push(budget.companyId);
    }
    return applied;
  }
}
