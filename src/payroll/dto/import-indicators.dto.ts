import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

/** Body of an indicator import: the file content and its format (see parseIndicatorImport for the CSV layout). */
export class ImportIndicatorsDto {
  @ApiProperty({ enum: ['json', 'csv'], example: 'csv' })
  @IsIn(['json', 'csv'])
  format: 'json' | 'csv';

  @ApiProperty({ example: 'period,field,value,source,status\n2026-06,uf,40733.25,Previred,confirmed\n' })
  @IsString()
  @MinLength(1)
  @MaxLength(2_000_000)
  content: string;
}
