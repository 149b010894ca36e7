import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { KNOWLEDGE_MODULES } from './knowledge-search.dto';
import { NoControlCharacters } from './plain-text.validator';

/** Allowed knowledge document ids: lowercase words joined by dashes, as the bundled ones (`dte-caf-folios`). */
export const KNOWLEDGE_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,99}$/;

/** Body of PUT /api/chat/knowledge/{id} (admin): the whole document, replacing any previous version. */
export class PutKnowledgeDocumentDto {
  @ApiPropertyOptional({ example: 'dte-factura-exportacion', description: 'Optional; must equal the id in the path.' })
  @IsOptional()
  @IsString()
  id?: string;

  @ApiProperty({ enum: KNOWLEDGE_MODULES, example: 'dte' })
  @IsIn(KNOWLEDGE_MODULES)
  module: (typeof KNOWLEDGE_MODULES)[number];

  @ApiProperty({ example: 'Factura de exportación (DTE 110)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @NoControlCharacters()
  title: string;

  @ApiPropertyOptional({ type: [String], example: ['exportación', 'DTE 110', 'aduana'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(60, { each: true })
  @NoControlCharacters({ each: true })
  tags?: string[];

  @ApiProperty({ example: 'La factura de exportación electrónica (tipo 110) se emite cuando…' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(20_000)
  @NoControlCharacters()
  content: string;
}

/** Answer of PUT /api/chat/knowledge/{id}. */
export class PutKnowledgeDocumentResponseDto {
  @ApiProperty({ enum: ['created', 'replaced'], example: 'created' })
  status: 'created' | 'replaced';

  @ApiProperty({ example: 'dte-factura-exportacion' })
  id: string;
}

/** Answer of DELETE /api/chat/knowledge/{id}. */
export class DeleteKnowledgeDocumentResponseDto {
  @ApiProperty({ example: 'deleted' })
  status: 'deleted';

  @ApiProperty({ example: 'dte-factura-exportacion' })
  id: string;
}
