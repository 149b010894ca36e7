/**
 * What each rule needs besides the header to say anything, so an answer can list the rules that could not run and the
 * field that was missing. A rule is skipped only when it would have found nothing without that data (a spec runs every
 * fixture with and without skipping and compares).
 */

/**
 * `lines`, `references`, `transport`, `document`: parts the inbox's reception summary (a flat body without lines)
 * does not carry; the others are parts of `context` (or the stamp) that any form may leave out.
 */
export type DataNeed =
  | 'lines'
  | 'references'
  | 'transport'
  | 'document'
  | 'caf'
  | 'caf.FA'
  | 'caf.IDK'
  | 'environment'
  | 'company'
  | 'company.vat'
  | 'company.resolution_date'
  | 'issued_folios'
  | 'referenced_documents'
  | 'envelope'
  | 'ted';

export const RULE_DATA_NEEDS: Readonly<Record<string, readonly DataNeed[]>> = {
  'T-02': ['envelope'],
  'R-04': ['document', 'company.vat'],
  'H-02': ['document'],
  'H-04': ['document'],
  'H-05': ['document'],
  'D-03': ['company.resolution_date'],
  'F-02': ['document'],
  'F-03': ['caf.FA'],
  'F-04': ['issued_folios'],
  'F-05': ['caf.IDK', 'environment'],
  'L-01': ['lines'],
  'L-02': ['lines'],
  'L-03': ['lines'],
  'L-04': ['lines'],
  'L-05': ['lines'],
  'L-06': ['lines'],
  'L-07': ['lines'],
  'L-08': ['lines'],
  'M-01': ['lines'],
  'M-06': ['lines'],
  'M-11': ['document'],
  'M-12': ['ted'],
  'X-01': ['references'],
  'X-02': ['references'],
  'X-03': ['references'],
  'X-04': ['references'],
  'X-05': ['references'],
  'X-06': ['references'],
  'X-08': ['references'],
  'X-09': ['referenced_documents'],
  'G-01': ['document'],
  'G-02': ['document'],
  'G-04': ['transport'],
};
