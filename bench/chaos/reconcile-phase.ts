import { sleep } from '../lib/child';
import { ChaosContext, check, PhaseReport } from './chaos-context';

/** After the writer flushed: one row per answered request, and vendor success rows = the emulator's successful answers. */
export async function reconcilePhase(ctx: ChaosContext): Promise<PhaseReport> {
  // Every request the gateway answered (200, interrupted stream, or 5xx after its deadline) writes exactly one row.
  const answered = ctx.sent.filter((s) => s.outcome === 'ok' || s.outcome === 'interrupted' || s.outcome === 'server_error').length;
  await ctx.waitForRows((c) => c.total >= answered, 30_000);
  await sleep(1_500);
  const rows = await ctx.rowCounts();
  const upstream = await ctx.upstreamAnswered();
  return {
    phase: `cost rows vs answers (${ctx.sent.length} requests sent in all)`,
    checks: [
      check('one final cost row per answered request (nothing lost, nothing doubled)', rows.total === answered, `${rows.total} final rows for ${answered} answered requests`),
      check('vendor success rows = successful emulator answers', rows.vendorSuccess === upstream, `${rows.vendorSuccess} rows with a real vendor and status success; emulator answered ${upstream}`),
    ],
    facts: [`rows by provider/status: ${rows.byKind}`],
  };
}
