import { ApiProperty } from '@nestjs/swagger';
import { TokensUsedDto } from './chat-response.dto';

/** Answer of POST /api/chat/session/new. */
export class NewChatSessionResponseDto {
  @ApiProperty({ example: '3f2b9c1e-4a7d-4c1b-9d2e-8a6f5b4c3d21' })
  session_id: string;

  @ApiProperty({ example: 'Hola, soy el asistente de Odoo. ¿En qué puedo ayudarle?' })
  welcome_message: string;
}

/** One stored turn of a chat session. */
export class ChatSessionMessageDto {
  @ApiProperty({ enum: ['user', 'assistant'], example: 'user' })
  role: 'user' | 'assistant';

  @ApiProperty({ example: '¿Cómo anulo una factura?' })
  content: string;

  @ApiProperty({ example: '2026-11-22T21:30:00.000Z' })
  timestamp: string;
}

/** Session bookkeeping returned with GET /api/chat/session/{id}. */
export class ChatSessionStatsDto {
  @ApiProperty({ example: 4 })
  message_count: number;

  @ApiProperty({ example: 3412 })
  ttl_remaining_seconds: number;

  @ApiProperty({ example: true })
  exists: boolean;

  @ApiProperty({ type: TokensUsedDto, description: 'Tokens of every answer in the session (trimmed turns included).' })
  tokens_used: TokensUsedDto;

  @ApiProperty({ example: '0.012345000000', description: 'USD spent by the session, exact decimal string.' })
  cost_usd: string;

  @ApiProperty({ example: '2026-11-22T21:00:00.000Z' })
  created_at: string;

  @ApiProperty({ example: '2026-11-22T21:30:00.000Z' })
  last_activity: string;
}

/** Answer of GET /api/chat/session/{id}. */
export class ChatSessionResponseDto {
  @ApiProperty({ example: '3f2b9c1e-4a7d-4c1b-9d2e-8a6f5b4c3d21' })
  session_id: string;

  @ApiProperty({ example: 4 })
  message_count: number;

  @ApiProperty({ type: [ChatSessionMessageDto] })
  messages: ChatSessionMessageDto[];

  @ApiProperty({ type: ChatSessionStatsDto })
  stats: ChatSessionStatsDto;
}

/** Answer of DELETE /api/chat/session/{id}. */
export class ChatSessionClearedResponseDto {
  @ApiProperty({ example: 'cleared' })
  status: 'cleared';

  @ApiProperty({ example: '3f2b9c1e-4a7d-4c1b-9d2e-8a6f5b4c3d21' })
  session_id: string;

  @ApiProperty({ example: 'Sesión eliminada' })
  message: string;
}
