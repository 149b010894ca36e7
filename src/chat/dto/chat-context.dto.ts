import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { OdooEmptyToNull } from './odoo-value.transform';

/** The Odoo user who opened the chat wizard. */
export class ChatUserDto {
  @ApiPropertyOptional({ example: 2 })
  @IsOptional()
  @OdooEmptyToNull()
  @IsInt()
  id?: number | null;

  @ApiPropertyOptional({ example: 'Javiera Soto' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ example: 'jsoto@maipo.cl' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(200)
  login?: string | null;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @OdooEmptyToNull()
  @IsInt()
  company_id?: number | null;

  @ApiPropertyOptional({ example: 'Comercial Maipo Ltda.' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(200)
  company_name?: string | null;

  @ApiPropertyOptional({ example: 'es_CL' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(20)
  language?: string | null;
}

/** Where the user is in Odoo when asking. */
export class ChatOdooLocationDto {
  @ApiPropertyOptional({ example: 'account.move' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(100)
  active_model?: string | null;

  @ApiPropertyOptional({ example: 4711 })
  @IsOptional()
  @OdooEmptyToNull()
  @IsInt()
  active_id?: number | null;

  @ApiPropertyOptional({ example: 'FAC 000123' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(200)
  active_record_name?: string | null;
}

/** The `context` object the universal chat wizard sends with POST /api/chat. */
export class ChatContextDto {
  @ApiPropertyOptional({ type: ChatUserDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChatUserDto)
  user?: ChatUserDto;

  @ApiPropertyOptional({ type: ChatOdooLocationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChatOdooLocationDto)
  odoo?: ChatOdooLocationDto;

  @ApiPropertyOptional({ example: 'chat_2_9f1c2b7a' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(128)
  session_id?: string | null;

  @ApiPropertyOptional({
    description: 'Stored fields of the active record (many2one as {id, name}); free-form.',
    example: { name: 'FAC 000123', amount_total: 119000, partner_id: { id: 55, name: 'Cliente Uno SpA' } },
  })
  @IsOptional()
  @OdooEmptyToNull()
  @IsObject()
  active_record_data?: Record<string, unknown> | null;

  @ApiPropertyOptional({
    description: 'Agent chosen in Odoo: l10n_cl_dte, account, purchase, stock, sale, hr_payroll, project.',
    example: 'l10n_cl_dte',
  })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(64)
  module?: string | null;
}

/** The `user_context` object of the chat session routes (dormant Odoo client). */
export class UserContextDto {
  @ApiPropertyOptional({ example: 'Comercial Maipo Ltda.' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(200)
  company_name?: string | null;

  @ApiPropertyOptional({ example: '76086428-5' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(20)
  company_rut?: string | null;

  @ApiPropertyOptional({ example: 'Javiera Soto' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(200)
  user_name?: string | null;

  @ApiPropertyOptional({ example: 'jsoto@maipo.cl' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(200)
  user_email?: string | null;

  @ApiPropertyOptional({ example: 'Administrador' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(50)
  user_role?: string | null;

  @ApiPropertyOptional({ example: 'Sandbox (Maullin)' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(50)
  environment?: string | null;

  @ApiPropertyOptional({ example: 'es_CL' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(20)
  language?: string | null;

  @ApiPropertyOptional({ example: 'Factura Electrónica' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(100)
  document_type?: string | null;

  @ApiPropertyOptional({ example: 'Cliente Uno SpA' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(200)
  partner_name?: string | null;

  @ApiPropertyOptional({ example: 119000 })
  @IsOptional()
  @OdooEmptyToNull()
  @IsNumber()
  amount_total?: number | null;

  @ApiPropertyOptional({ example: 'CLP' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(10)
  currency?: string | null;

  @ApiPropertyOptional({ example: 'l10n_cl_dte', description: 'Our extension: Odoo module, used to pick the plugin.' })
  @IsOptional()
  @OdooEmptyToNull()
  @IsString()
  @MaxLength(64)
  module?: string | null;
}
