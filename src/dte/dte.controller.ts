import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from 'src/common/auth';
import { RateLimit } from 'src/common/throttling';
import { FLAT_FORM_EXAMPLES } from './dto/flat-form-examples';
import { VALIDATE_ADDON_EXAMPLE, VALIDATE_SII_EXAMPLE, VALIDATE_XML_EXAMPLE } from './dto/request-examples';
import { ValidateDteResponseDto } from './dto/validate-dte-response.dto';
import { ValidateDteRequestDto } from './dto/validate-dte.dto';
import { DteValidationService } from './validation/dte-validation.service';

/** DTE validation for the Odoo inbox (odoo-contract.md §3.1). */
@ApiTags('dte')
@ApiBearerAuth()
@Controller('api/ai')
export class DteController {
  constructor(private readonly validation: DteValidationService) {}

  /** Rules first, then the LLM review when a vendor can answer; a blocking rule always means reject. */
  @Post('validate')
  @HttpCode(200)
  @RateLimit('dteValidate')
  @ApiOperation({
    summary: 'Validate a received or emitted DTE',
    description:
      'Accepts the flat form `{dte_data, context, history, company_id}` (snake_case Spanish keys, `lineas`/`lines`, `referencias`/`references`, ' +
      '`transporte`, ...), the SII-tag form `{dte, context, source}` or `{dte_xml}`; the same document gets the same findings in every form. ' +
      'Messy values come back as findings with 200. Every answer lists `unknown_keys` (ignored) and `rules_skipped` (with the missing field); ' +
      "`strict: true` refuses unknown keys with a 400 naming them. A flat body without lines is read as the inbox's reception summary.",
  })
  @ApiBody({
    type: ValidateDteRequestDto,
    examples: {
      addon: { summary: 'Odoo inbox (reception summary, no lines)', value: VALIDATE_ADDON_EXAMPLE },
      ...FLAT_FORM_EXAMPLES,
      sii: { summary: 'SII-tag form with CAF and company', value: VALIDATE_SII_EXAMPLE },
      xml: { summary: 'The DTE as SII XML', value: VALIDATE_XML_EXAMPLE },
    },
  })
  @ApiOkResponse({ type: ValidateDteResponseDto })
  @ApiForbiddenResponse({ description: 'The API key may not act for the company' })
  validate(@Body() body: ValidateDteRequestDto, @CurrentCaller() caller: Caller): Promise<ValidateDteResponseDto> {
    return this.validation.validate(body, caller);
  }
}
