import { Injectable } from '@nestjs/common';

import type { Caller } from 'src/common/auth';
import { RequestValidationError } from 'src/common/errors';

import { ImportIndicatorsDto } from '../dto/import-indicators.dto';
import { importIssueDetails } from './import-issues';
import { PeriodChange, describeChange } from './indicator-changes';
import { parseIndicatorImport } from './indicator-import';
import { IndicatorSetRepository } from './indicator-set.repository';
import { IndicatorStore } from './indicator-store.service';

/** What an accepted import did. */
export interface IndicatorImportOutcome {
  import_id: string;
  imported_by: string;
  imported_at: string;
  format: 'json' | 'csv';
  periods: PeriodChange[];
  /** Keys of the JSON no indicator reads, stored as given: 'set 1 (2026-03 seguroSocialExpectativaVida)'. */
  kept_unknown: string[];
}

/** Admin import of indicator files: all-or-nothing, one transaction, one revision per period, caches dropped everywhere. */
@Injectable()
export class IndicatorImportService {
  constructor(
    private readonly repository: IndicatorSetRepository,
    private readonly store: IndicatorStore,
  ) {}

  /** Parses and applies a file; a bad row rejects the whole file with a 400 naming every offending row. */
  async import(dto: ImportIndicatorsDto, caller: Caller): Promise<IndicatorImportOutcome> {
    const parsed = parseIndicatorImport(dto.content, dto.format);
    if (!parsed.ok) throw new RequestValidationError(importIssueDetails(parsed.errors, dto.format));
    const applied = await this.repository.applyImport(parsed.sets, caller.keyName, dto.format, `import:${dto.format}`);
    await this.store.publishChange(applied.importId);
    return {
      import_id: applied.importId,
      imported_by: caller.keyName,
      imported_at: applied.importedAt.toISOString(),
      format: dto.format,
      periods: applied.periods.map((p) => describeChange(p.period, p.before, p.after)),
      kept_unknown: parsed.keptUnknown.map((k) => `set ${k.row} (${k.period ?? '?'} ${k.field})`),
    };
  }
}
