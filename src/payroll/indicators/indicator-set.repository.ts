import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';

import { Prisma } from 'src/generated/prisma/client';
import { PrismaService, SqlClient } from 'src/infra/database';

import { INDICATOR_IMPORT_LOCK_ID, SHIPPED_IMPORTER, SHIPPED_SOURCE } from '../payroll.constants';
import { IndicatorSet } from './indicator-set';

/** One stored indicator set with who last wrote it. */
export interface StoredIndicatorSet {
  set: IndicatorSet;
  source: string;
  updatedAt: Date;
  importedBy: string;
}

/** What an import wrote for one period: the previous data (null when new) and the new data. */
export interface AppliedPeriod {
  period: string;
  before: IndicatorSet | null;
  after: IndicatorSet;
}

/** Result of one applied import. */
export interface AppliedImport {
  importId: string;
  importedAt: Date;
  periods: AppliedPeriod[];
}

const asJson = (set: IndicatorSet) => set as unknown as Prisma.InputJsonValue;

/** Postgres storage of indicator sets (one row per period) and their revision history. */
@Injectable()
export class IndicatorSetRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly sql: SqlClient,
  ) {}

  /** Every stored set, keyed by period. Plain `pg`: the start-up check of the current month and every payroll read need no Prisma. */
  async findAll(): Promise<Map<string, StoredIndicatorSet>> {
    const rows = await this.sql.query<{ period: string; data: IndicatorSet; source: string; updated_at: Date; imported_by: string }>(
      'SELECT period, data, source, updated_at, imported_by FROM payroll_indicator_sets ORDER BY period',
    );
    return new Map(rows.map((row) => [row.period, { set: row.data, source: row.source, updatedAt: row.updated_at, importedBy: row.imported_by }]));
  }

  /** Inserts the shipped sets whose period is not stored yet (concurrent callers are safe); returns the periods inserted. */
  async insertMissing(sets: IndicatorSet[]): Promise<string[]> {
    if (sets.length === 0) return [];
    // Plain `pg` (SqlClient): this runs at every start, which then needs no Prisma.
    const inserted = await this.sql.query<{ period: string }>(
      `INSERT INTO payroll_indicator_sets (period, data, source, imported_by, updated_at)
       SELECT period, data::jsonb, $3, $4, now() FROM unnest($1::text[], $2::text[]) AS shipped(period, data)
       ON CONFLICT (period) DO NOTHING RETURNING period`,
      [sets.map((set) => set.period), sets.map((set) => JSON.stringify(set)), SHIPPED_SOURCE, SHIPPED_IMPORTER],
    );
    return inserted.map((row) => row.period).sort();
  }

  /** Upserts every set and writes one revision per period, all in one transaction serialised across replicas. */
  async applyImport(sets: IndicatorSet[], importedBy: string, format: string, source: string): Promise<AppliedImport> {
    const importId = randomUUID();
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INDICATOR_IMPORT_LOCK_ID})`;
        const periods = sets.map((s) => s.period);
        const existing = await tx.payrollIndicatorSet.findMany({ where: { period: { in: periods } } });
        const before = new Map(existing.map((row) => [row.period, row.data as unknown as IndicatorSet]));
        const importedAt = new Date();
        for (const set of sets) {
          const row = { data: asJson(set), source, importedBy, updatedAt: importedAt };
          await tx.payrollIndicatorSet.upsert({ where: { period: set.period }, create: { period: set.period, ...row }, update: row });
        }
        await tx.payrollIndicatorRevision.createMany({
          data: sets.map((set) => ({ importId, period: set.period, data: asJson(set), importedBy, importedAt, format })),
        });
        return { importId, importedAt, periods: sets.map((set) => ({ period: set.period, before: before.get(set.period) ?? null, after: set })) };
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
  }
}
