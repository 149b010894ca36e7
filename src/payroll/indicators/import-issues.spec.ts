import { importIssueDetails } from './import-issues';

describe('importIssueDetails', () => {
  it('names CSV rows, JSON sets and file-level problems, grouping problems of one place', () => {
    const details = importIssueDetails(
      [
        { row: 2, period: '2031-01', field: 'uf', message: "value 'x' is not a number" },
        { row: 2, period: '2031-01', field: 'uf', message: 'second problem' },
        { period: '2031-01', field: 'utm', message: 'required field is missing' },
        { field: '(file)', message: 'no data rows' },
      ],
      'csv',
    );
    expect(details).toEqual([
      { field: 'row 2 (2031-01 uf)', problems: ["value 'x' is not a number", 'second problem'] },
      { field: '2031-01 utm', problems: ['required field is missing'] },
      { field: 'file', problems: ['no data rows'] },
    ]);
    expect(importIssueDetails([{ row: 3, period: '2026-05', field: 'uf', message: 'm' }], 'json')).toEqual([{ field: 'set 3 (2026-05 uf)', problems: ['m'] }]);
  });

  it('lists at most 50 places and counts the rest', () => {
    const issues = Array.from({ length: 120 }, (_, i) => ({ row: i + 2, period: '2031-01', field: 'uf', message: 'bad' }));
    const details = importIssueDetails(issues, 'csv');
    expect(details).toHaveLength(51);
    expect(details.at(-1)).toEqual({ field: 'more', problems: ['70 more location(s) with problems'] });
  });
});
