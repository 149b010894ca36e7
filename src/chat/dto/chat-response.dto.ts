import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Token counts in the Odoo addon's vocabulary. */
export class TokensUsedDto {
  @ApiProperty({ example: 1450 })
  input_tokens: number;

  @ApiProperty({ example: 320 })
  output_tokens: number;

  @ApiProperty({ example: 1770 })
  total_tokens: number;
}

/** Answer of POST /api/chat and /api/chat/message; Odoo reads `message` (and the others on the session routes). */
export class ChatResponseDto {
  @ApiProperty({ example: 'Para anular una factura aceptada emita una nota de crédito con CodRef 1…' })
  message: string;

  @ApiProperty({ type: [String], example: ['Anular una factura con nota de crédito (CodRef 1)'] })
  sources: string[];

  @ApiProperty({ example: 85.0, description: '0-100.' })
  confidence: number;

  @ApiProperty({ example: 'chat_2_9f1c2b7a' })
  session_id: string;

  @ApiProperty({ example: 'anthropic', description: 'Vendor that answered, or "offline".' })
  llm_used: string;

  @ApiProperty({ type: TokensUsedDto, nullable: true })
  tokens_used: TokensUsedDto | null;

  @ApiProperty({ example: 'dte' })
  plugin_used: string;

  @ApiPropertyOptional({ example: 'anthropic' })
  provider?: string;

  @ApiPropertyOptional({ example: 'claude-sonnet-5-5' })
  model?: string;

  @ApiPropertyOptional({ example: '0.004215', description: 'USD as an exact decimal string.' })
  cost_usd?: string;

  @ApiProperty({ example: false, description: 'True when the answer was built from the knowledge base without an LLM.' })
  offline: boolean;
}
