import { ForbiddenException } from '@nestjs/common';
import { assertCompanyAccess } from './company-access';

describe(assertCompanyAccess.name, () => {
  const restricted = { keyName: 'planta', companies: [7, 9], isAdmin: false };

  it('lets an unrestricted key act for any company, or none', () => {
    expect(() => assertCompanyAccess({ keyName: 'default', companies: null, isAdmin: false }, 1)).not.toThrow();
    expect(() => assertCompanyAccess({ keyName: 'default', companies: null, isAdmin: false }, undefined)).not.toThrow();
  });

  it('lets a restricted key act only for its companies and requires it to name one', () => {
    expect(() => assertCompanyAccess(restricted, 9)).not.toThrow();
    expect(() => assertCompanyAccess(restricted, 1)).toThrow(ForbiddenException);
    expect(() => assertCompanyAccess(restricted, undefined)).toThrow(/without company_id/);
  });
});
