import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

/** Body of POST /api/ai/sii/monitor. */
export class SiiMonitorRequestDto {
  /** Re-parse pages even when their bytes did not change since the last check. */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}
