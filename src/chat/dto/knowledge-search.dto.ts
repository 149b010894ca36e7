import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { KNOWLEDGE_SEARCH_DEFAULT_TOP_K, KNOWLEDGE_SEARCH_MAX_TOP_K } from '../chat.constants';
import { NoControlCharacters } from './plain-text.validator';

/** Knowledge modules that can be filtered on. */
export const KNOWLEDGE_MODULES = ['dte', 'payroll', 'stock', 'account'] as const;

/** Query string of GET /api/chat/knowledge/search. */
export class KnowledgeSearchQueryDto {
  @ApiProperty({ example: 'anular factura' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @NoControlCharacters()
  query: string;

  @ApiPropertyOptional({ default: KNOWLEDGE_SEARCH_DEFAULT_TOP_K, minimum: 1, maximum: KNOWLEDGE_SEARCH_MAX_TOP_K })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(KNOWLEDGE_SEARCH_MAX_TOP_K)
  top_k?: number = KNOWLEDGE_SEARCH_DEFAULT_TOP_K;

  @ApiPropertyOptional({ enum: KNOWLEDGE_MODULES, description: 'Our extension: restrict to one module.' })
  @IsOptional()
  @IsIn(KNOWLEDGE_MODULES)
  module?: (typeof KNOWLEDGE_MODULES)[number];
}

/** One knowledge document in a search answer. */
export class KnowledgeSearchResultDto {
  @ApiProperty({ example: 'dte-anular-factura' })
  id: string;

  @ApiProperty({ example: 'Anular una factura con nota de crédito (CodRef 1)' })
  title: string;

  @ApiProperty({ example: 'dte' })
  module: string;

  @ApiProperty({ type: [String], example: ['anulación', 'nota de crédito'] })
  tags: string[];

  @ApiProperty({ example: 'Una factura electrónica aceptada por el SII no se puede borrar…' })
  content: string;
}

/** Answer of GET /api/chat/knowledge/search. */
export class KnowledgeSearchResponseDto {
  @ApiProperty({ example: 'anular factura' })
  query: string;

  @ApiProperty({ example: 1 })
  results_found: number;

  @ApiProperty({ type: [KnowledgeSearchResultDto] })
  results: KnowledgeSearchResultDto[];
}
