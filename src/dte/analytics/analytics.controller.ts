import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from 'src/common/auth';
import { SUGGEST_PROJECT_EXAMPLE } from '../dto/request-examples';
import { SuggestProjectRequestDto, SuggestProjectResponseDto } from '../dto/suggest-project.dto';
import { ProjectSuggestionService } from './project-suggestion.service';

const EXAMPLES = { addon: { summary: 'Supplier invoice with two open projects', value: SUGGEST_PROJECT_EXAMPLE } };

/** Analytic project suggestion for supplier invoices (odoo-contract.md §3.3). */
@ApiTags('analytics')
@ApiBearerAuth()
@Controller()
export class AnalyticsController {
  constructor(private readonly suggester: ProjectSuggestionService) {}

  /** The addon's path. */
  @Post('api/ai/analytics/suggest_project')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suggest the analytic project of a supplier invoice' })
  @ApiBody({ type: SuggestProjectRequestDto, examples: EXAMPLES })
  @ApiOkResponse({ type: SuggestProjectResponseDto })
  suggestProject(@Body() body: SuggestProjectRequestDto, @CurrentCaller() caller: Caller): Promise<SuggestProjectResponseDto> {
    return this.suggester.suggest(body, caller);
  }

  /** The versioned path of the same suggestion. */
  @Post('api/v1/analytics/match')
  @HttpCode(200)
  @ApiOperation({ summary: 'Suggest the analytic project of a supplier invoice (versioned path)' })
  @ApiBody({ type: SuggestProjectRequestDto, examples: EXAMPLES })
  @ApiOkResponse({ type: SuggestProjectResponseDto })
  match(@Body() body: SuggestProjectRequestDto, @CurrentCaller() caller: Caller): Promise<SuggestProjectResponseDto> {
    return this.suggester.suggest(body, caller);
  }
}
