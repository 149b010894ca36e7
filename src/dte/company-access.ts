/** Which companies an API key may act for (API_KEYS `name:key:1|2`); null companies means any. */
import { ForbiddenException } from '@nestjs/common';
import type { Caller } from 'src/common/auth';

/** Throws 403 unless the caller's key may act for the company; a restricted key must name one. */
export function assertCompanyAccess(caller: Caller, companyId: number | undefined): void {
  if (caller.companies === null) return;
  if (companyId !== undefined && caller.companies.includes(companyId)) return;
  const which = companyId === undefined ? 'a request without company_id' : `company ${companyId}`;
  throw new ForbiddenException(`The API key "${caller.keyName}" may not act for ${which}`);
}
