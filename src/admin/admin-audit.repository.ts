import { Injectable } from '@nestjs/common';
import { PrismaService } from 'src/infra/database';

/** One audited admin action. */
export interface AdminAuditEntry {
  keyName: string;
  action: string;
  target?: string;
  detail?: Record<string, string | number | boolean | null>;
}

/** Writes admin_audit rows: who did what, to which target, when. */
@Injectable()
export class AdminAuditRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Records one action; the time is the database's. */
  async record(entry: AdminAuditEntry): Promise<void> {
    await this.prisma.adminAudit.create({ data: { keyName: entry.keyName, action: entry.action, target: entry.target ?? null, detail: entry.detail ?? undefined } });
  }
}
