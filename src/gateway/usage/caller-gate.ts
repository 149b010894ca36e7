import { Injectable, Logger } from '@nestjs/common';
import { isPromise, type MaybePromise } from 'src/common/async/maybe-promise';
import { Admission, CallerPolicy, CallerPolicyError } from 'src/keys';
import type { CallerIdentity } from '../llm.types';
import { OFFLINE_TARGET, RouteTarget } from '../routing/router';

/** What one caller's request is allowed to do: the targets left after its model allow-list, and its reservation. */
export interface CallerAdmission {
  targets: RouteTarget[];
  admission?: Admission;
}

/**
 * The caller's own limits on the gateway path (issue 20): the key's model allow-list, RPM/TPM, calls in flight
 * and the key's and company's budgets, through the keys module's CallerPolicy. A proxy caller refused gets the policy's
 * 403/429; an Odoo feature refused gets its deterministic (offline) answer, never an error.
 */
@Injectable()
export class CallerGate {
  private readonly logger = new Logger('CallerGate');

  constructor(private readonly policy: CallerPolicy) {}

  /** Synchronous (no promise) when the caller's policy reserves nothing, as for a key without limits or budgets. */
  admit(
    caller: CallerIdentity,
    requested: string,
    targets: RouteTarget[],
    /** The input estimate, the output allowed, their worst-case cost on the primary target (exact decimal text) and the request's deadline. */
    estimate: { tokens: number; maxOutput: number; worstUsd: string; maxDurationMs: number },
    offlineAnswers: boolean,
  ): MaybePromise<CallerAdmission> {
    const who = { keyName: caller.apiKeyName };
    const restricted = this.policy.restrictsModels(who);
    const allowed = restricted ? targets.filter((t) => t.provider === 'offline' || this.policy.allowsModel(who, aliasesOf(t))) : targets;
    const primary = allowed.find((t) => t.provider !== 'offline') ?? targets.find((t) => t.provider !== 'offline');
    if (!primary) return { targets: allowed };
    const admission = this.policy.admit(who, {
      model: requested,
      modelAliases: restricted ? aliasesOf(primary) : [],
      companyId: caller.companyId ?? null,
      estimatedTokens: estimate.tokens + estimate.maxOutput,
      estimatedCostUsd: estimate.worstUsd,
      maxDurationMs: estimate.maxDurationMs,
    });
    if (!isPromise(admission)) return { targets: allowed, admission };
    return admission.then(
      (reserved) => ({ targets: allowed, admission: reserved }),
      (error: unknown) => this.refused(error, caller, offlineAnswers),
    );
  }

  /** A refused proxy caller gets the policy's error; a refused Odoo feature its deterministic answer. */
  private refused(error: unknown, caller: CallerIdentity, offlineAnswers: boolean): CallerAdmission {
    if (offlineAnswers && error instanceof CallerPolicyError) {
      this.logger.warn(`${caller.apiKeyName} refused (${error.code}); answering with the deterministic result`);
      return { targets: [OFFLINE_TARGET] };
    }
    throw error;
  }

  /** Releases the reservation and charges what the request really used (zero for a failure that cost nothing). */
  settle(admission: Admission | undefined, tokens: number, costUsd: string): void {
    if (admission) this.policy.settle(admission, { tokens, costUsd })?.catch((error: Error) => this.logger.warn(`budget settle failed: ${error.message}`));
  }
}

function aliasesOf(target: RouteTarget): string[] {
  const aliases = [target.model, `${target.provider}/${target.model}`, target.vendorModel, `${target.provider}/${target.vendorModel}`];
  return target.standsFor ? [...aliases, target.standsFor, `${target.provider}/${target.standsFor}`] : aliases;
}
