/** KvStore channel on which an import tells every replica to drop its cached indicator sets. */
export const INDICATORS_CHANGED_CHANNEL = 'payroll:indicators:changed';

/** `source` and `importedBy` of the rows seeded from the shipped payroll-cl.json. */
export const SHIPPED_SOURCE = 'payroll-cl.json';
export const SHIPPED_IMPORTER = 'shipped';

/** Advisory-lock id serialising indicator imports across replicas (arbitrary, fixed). */
export const INDICATOR_IMPORT_LOCK_ID = 726_900_611;

/** Upper bound for the optional LLM explanation, well inside the addon's 10 s timeout. */
export const EXPLANATION_DEADLINE_MS = 6_000;
