import { Body, Controller, Header, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller, type Caller } from 'src/common/auth';
import { RateLimit } from 'src/common/throttling';
import { MatchPoRequestDto, MatchPoResponseDto, ReconcileResponseDto } from '../dto/match-po.dto';
import { MATCH_PO_EXAMPLE, RECONCILE_XML_EXAMPLE } from '../dto/request-examples';
import { PoMatchService } from './po-match.service';

const MATCH_PO_PATH = '/api/ai/reception/match_po';
const EXAMPLES = { addon: { summary: 'Odoo inbox with pending POs', value: MATCH_PO_EXAMPLE } };

/** Purchase-order matching for received DTEs (odoo-contract.md §3.2). */
@ApiTags('dte-reception')
@ApiBearerAuth()
@RateLimit('matchPo')
@Controller('api/ai')
export class ReceptionController {
  constructor(private readonly matcher: PoMatchService) {}

  /** Ranks the supplier's pending POs; `matched_po_id` is one of the sent ids or null. */
  @Post('reception/match_po')
  @HttpCode(200)
  @ApiOperation({ summary: 'Match a received DTE to a pending purchase order', description: 'Accepts `dte_data` or its alias `invoice_data`.' })
  @ApiBody({ type: MatchPoRequestDto, examples: EXAMPLES })
  @ApiOkResponse({ type: MatchPoResponseDto })
  matchPo(@Body() body: MatchPoRequestDto, @CurrentCaller() caller: Caller): Promise<MatchPoResponseDto> {
    return this.matcher.match(body, caller);
  }

  /** The old service's name for match_po; same answer, marked deprecated. */
  @Post('reconcile')
  @HttpCode(200)
  @Header('Deprecation', 'true')
  @Header('Link', `<${MATCH_PO_PATH}>; rel="successor-version"`)
  @ApiOperation({ summary: 'Deprecated alias of reception/match_po; also takes the old {dte_xml, pending_pos} body', deprecated: true })
  @ApiBody({ type: MatchPoRequestDto, examples: { ...EXAMPLES, xml: { summary: 'Old body: the DTE as XML', value: RECONCILE_XML_EXAMPLE } } })
  @ApiOkResponse({ type: ReconcileResponseDto })
  async reconcile(@Body() body: MatchPoRequestDto, @CurrentCaller() caller: Caller): Promise<ReconcileResponseDto> {
    const answer = await this.matcher.match(body, caller);
    return { ...answer, po_id: answer.matched_po_id };
  }
}
