import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { CHAT_MESSAGE_MAX_LENGTH, CHAT_SESSION_ID_MAX_LENGTH, CHAT_SESSION_ID_PATTERN } from '../chat.constants';
import { ChatContextDto, UserContextDto } from './chat-context.dto';
import { OdooEmptyToNull } from './odoo-value.transform';

/** Body of POST /api/chat, sent by Odoo's universal chat wizard. */
export class ChatRequestDto {
  @ApiProperty({ example: '¿Cómo anulo una factura ya aceptada por el SII?', maxLength: CHAT_MESSAGE_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(CHAT_MESSAGE_MAX_LENGTH)
  message: string;

  @ApiPropertyOptional({ example: 'chat_2_9f1c2b7a', description: '"chat_<uid>_<8 hex>" from Odoo; not a UUID.' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(CHAT_SESSION_ID_MAX_LENGTH)
  @Matches(CHAT_SESSION_ID_PATTERN)
  session_id?: string | null;

  @ApiPropertyOptional({ type: ChatContextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChatContextDto)
  context?: ChatContextDto;

  @ApiPropertyOptional({
    default: true,
    description: 'Odoo sends true but reads the JSON body: the answer is JSON with `message` either way.',
  })
  @IsOptional()
  @IsBoolean()
  stream?: boolean = true;
}

/** Body of POST /api/chat/session/new. */
export class NewChatSessionRequestDto {
  @ApiPropertyOptional({ type: UserContextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UserContextDto)
  user_context?: UserContextDto;
}

/** Body of POST /api/chat/message and /api/chat/message/stream. */
export class ChatMessageRequestDto {
  @ApiPropertyOptional({
    example: '3f2b9c1e-4a7d-4c1b-9d2e-8a6f5b4c3d21',
    nullable: true,
    description: 'Existing session (UUID or any id we issued); null or absent starts a new one.',
  })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(CHAT_SESSION_ID_MAX_LENGTH)
  @Matches(CHAT_SESSION_ID_PATTERN)
  session_id?: string | null;

  @ApiProperty({ example: '¿Cuánto es el tope imponible de la AFP?', minLength: 1, maxLength: CHAT_MESSAGE_MAX_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(CHAT_MESSAGE_MAX_LENGTH)
  message: string;

  @ApiPropertyOptional({ type: UserContextDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => UserContextDto)
  user_context?: UserContextDto;
}
