import { Injectable } from '@nestjs/common';
import type { Caller } from 'src/common/auth';
import { RequestValidationError } from 'src/common/errors';
import { KvStore } from 'src/infra/redis';
import { assertCompanyAccess } from '../company-access';
import { DteClock } from '../dte-clock';
import { validateDte } from '../dte-validator';
import { siiPayloadFromXml } from '../xml/dte-xml-input';
import { toValidateDteResponse } from '../dto/dte-response.mapper';
import type { ValidateDteResponseDto } from '../dto/validate-dte-response.dto';
import type { ValidateDteRequestDto } from '../dto/validate-dte.dto';
import { todayInChile } from '../rules/rule-helpers';
import { DteReviewService } from './dte-review.service';
import { VALIDATION_CACHE_TTL_MS, validationCacheKey } from './validation-cache-key';

/** The company a validation acts for: `company_id`, or `source.company_id` in the richer form. */
export function companyIdOf(body: ValidateDteRequestDto): number | undefined {
  if (body.company_id !== undefined) return body.company_id;
  const fromSource = body.source?.company_id;
  return typeof fromSource === 'number' && Number.isInteger(fromSource) && fromSource > 0 ? fromSource : undefined;
}

/** What the validator reads: the SII-tag form (`dte`, or `dte_xml` read into it) or the flat `dte_data`, with the context. */
export function validatorInputOf(body: ValidateDteRequestDto): Record<string, unknown> {
  const shared = { context: body.context, environment: body.environment };
  if (body.dte !== undefined) return { dte: body.dte, ...shared };
  if (body.dte_data === undefined && body.dte_xml !== undefined) return { dte: siiPayloadFromXml(body.dte_xml), fromXml: true, ...shared };
  return { dte_data: body.dte_data, ...shared };
}

/** The 400 of a `strict` request: the field that carried the document and every key that was not understood. */
function unknownKeysError(body: ValidateDteRequestDto, unknownKeys: string[]): RequestValidationError {
  const field = body.dte !== undefined ? 'dte' : body.dte_data !== undefined ? 'dte_data' : 'dte_xml';
  const problem = `unknown keys (strict: true refuses them; fix the names or drop strict): ${unknownKeys.join(', ')}`;
  return new RequestValidationError([{ field, problems: [problem] }]);
}

/** POST /api/ai/validate: deterministic rules first, then the LLM review when a vendor can answer. */
@Injectable()
export class DteValidationService {
  constructor(
    private readonly clock: DteClock,
    private readonly kv: KvStore,
    private readonly reviewer: DteReviewService,
  ) {}

  /** Validates the addon's or the SII-tag body for a company the caller may act for; LLM-reviewed answers are cached 15 min. */
  async validate(body: ValidateDteRequestDto, caller: Caller): Promise<ValidateDteResponseDto> {
    const companyId = companyIdOf(body);
    assertCompanyAccess(caller, companyId);
    const history = body.history ?? [];
    const now = this.clock.now();
    const key = validationCacheKey({
      day: todayInChile(now),
      companyId,
      dteData: body.dte_data,
      dte: body.dte ?? body.dte_xml,
      context: body.context,
      environment: body.environment,
      history,
      strict: body.strict,
    });
    const cached = await this.kv.get(key).catch(() => null);
    if (cached) return JSON.parse(cached) as ValidateDteResponseDto;

    const rules = validateDte(validatorInputOf(body), { now, history });
    if (body.strict === true && rules.unknownKeys.length > 0) throw unknownKeysError(body, rules.unknownKeys);
    const outcome = await this.reviewer.review(rules, history, { apiKeyName: caller.keyName, companyId: companyId ?? null });
    const response: ValidateDteResponseDto = {
      ...toValidateDteResponse(outcome.merged),
      llm_used: outcome.llmUsed,
      degraded: !outcome.llmUsed && outcome.skippedReason === undefined,
      ...(outcome.skippedReason ? { llm_skipped_reason: outcome.skippedReason } : {}),
      ...(outcome.degradedReason ? { degraded_reason: outcome.degradedReason } : {}),
      ...(outcome.llmUsed ? { provider: outcome.provider, model: outcome.model } : {}),
    };
    if (outcome.llmUsed) await this.kv.set(key, JSON.stringify(response), VALIDATION_CACHE_TTL_MS).catch(() => undefined);
    return response;
  }
}
