export { KeysModule } from './keys.module';
export { BudgetExhaustedError, CallerPolicy, CallerPolicyError, KeyParallelLimitedError, KeyRateLimitedError, ModelNotAllowedError } from './policy/caller-policy';
export type { Admission, AdmitRequest, BudgetRef, PolicyCaller, Settlement } from './policy/caller-policy';
