import type { PhaseReport } from './chaos-context';

/** The summary table; `passed` is false when any check of any phase failed. */
export function formatChaosSummary(reports: PhaseReport[], elapsedMs: number): { text: string; passed: boolean } {
  const lines: string[] = [];
  let failed = 0;
  for (const report of reports) {
    lines.push(`== ${report.phase}`);
    for (const c of report.checks) {
      if (!c.passed) failed += 1;
      lines.push(`  ${c.passed ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
    }
    for (const fact of report.facts) lines.push(`        ${fact}`);
  }
  const total = reports.reduce((n, r) => n + r.checks.length, 0);
  lines.push('', `chaos: ${total - failed}/${total} checks passed in ${Math.round(elapsedMs / 1000)} s${failed ? ' - SOMETHING WAS LOST, HUNG OR BROKEN' : ''}`);
  return { text: lines.join('\n'), passed: failed === 0 && total > 0 };
}
