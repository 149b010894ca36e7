import type { FuzzRequest } from './fuzz-request';
import type { FuzzRoute } from './openapi-routes';
import type { RawResponse } from './raw-http';

/**
 * A finding already reported to the owner of the code, recognised narrowly so that any other failure still fails the
 * spec. Delete an entry once its fix lands: the spec then guards the fix.
 */
export interface KnownIssue {
  id: string;
  owner: string;
  matches(route: FuzzRoute, req: FuzzRequest, res: RawResponse): boolean;
}

/** Findings waiting for a fix outside the fuzzer's folders. */
export const KNOWN_ISSUES: KnownIssue[] = [];

/** The known issue this failing answer is, if any. */
export function knownIssueFor(route: FuzzRoute, req: FuzzRequest, res: RawResponse): KnownIssue | undefined {
  return KNOWN_ISSUES.find((issue) => issue.matches(route, req, res));
}
