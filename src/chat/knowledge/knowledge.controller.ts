import { Body, Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, type Caller, CurrentCaller } from 'src/common/auth';
import { RateLimit } from 'src/common/throttling';
import { DeleteKnowledgeDocumentResponseDto, KnowledgeSearchQueryDto, KnowledgeSearchResponseDto, PutKnowledgeDocumentDto, PutKnowledgeDocumentResponseDto } from '../dto';
import { KnowledgeService } from './knowledge.service';

/** Knowledge-base search for the chat, and admin edits without a release. */
@ApiTags('chat')
@RateLimit('chat')
@Controller('api/chat/knowledge')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get('search')
  @ApiOperation({ summary: 'Full-text search (Spanish, accents and word forms ignored) over the knowledge documents' })
  @ApiOkResponse({ type: KnowledgeSearchResponseDto })
  search(@Query() query: KnowledgeSearchQueryDto): Promise<KnowledgeSearchResponseDto> {
    return this.knowledge.search(query.query, query.top_k, query.module ?? null);
  }

  @Put(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'Adds or replaces a knowledge document (admin key); kept across restarts' })
  @ApiOkResponse({ type: PutKnowledgeDocumentResponseDto })
  put(@Param('id') id: string, @Body() body: PutKnowledgeDocumentDto, @CurrentCaller() caller: Caller): Promise<PutKnowledgeDocumentResponseDto> {
    return this.knowledge.put(id, body, caller.keyName);
  }

  @Delete(':id')
  @AdminOnly()
  @ApiOperation({ summary: 'Deletes a knowledge document (admin key); a bundled one stays deleted across restarts until it is PUT again' })
  @ApiOkResponse({ type: DeleteKnowledgeDocumentResponseDto })
  remove(@Param('id') id: string, @CurrentCaller() caller: Caller): Promise<DeleteKnowledgeDocumentResponseDto> {
    return this.knowledge.remove(id, caller.keyName);
  }
}
