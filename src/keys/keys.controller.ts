import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Patch, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdminOnly, Caller, CurrentCaller } from 'src/common/auth';
import { KeysConfigService } from './config/keys-config.service';
import { KeysService } from './keys.service';
import { CallerPolicyService } from './policy/caller-policy.service';
import { KeysRepository } from './keys.repository';

const KEY_EXAMPLE = {
  name: 'odoo-bi',
  ownerNote: 'Informes de BI de la empresa 3 (María Pérez)',
  companies: [3],
  allowedModels: ['gpt-6-luna', 'claude-*'],
  rpmLimit: 60,
  tpmLimit: 200000,
  budgetUsd: '25.00',
  budgetPeriod: 'month',
  expiresAt: '2027-06-30T23:59:59Z',
  tags: ['bi', 'empresa-3'],
};

/** Runtime API keys and budgets (admin key only; every change audited and on every replica within seconds). */
@ApiTags('admin')
@AdminOnly()
@Controller('api/admin')
export class KeysController {
  constructor(
    private readonly keys: KeysService,
    private readonly policy: CallerPolicyService,
    private readonly repository: KeysRepository,
    private readonly configFile: KeysConfigService,
  ) {}

  @Get('keys')
  @ApiOperation({ summary: 'Every key (environment keys read-only, then the managed ones; never a secret or hash) and the company budgets' })
  list() {
    return this.keys.list();
  }

  @Post('keys')
  @ApiOperation({ summary: 'Create a key; the answer holds its secret, shown this once' })
  @ApiBody({ schema: { type: 'object', example: KEY_EXAMPLE } })
  create(@CurrentCaller() caller: Caller, @Body() body: Record<string, unknown>) {
    return this.keys.create(caller, body);
  }

  @Patch('keys/:id')
  @ApiOperation({ summary: "Change a key's settings (any field of the create body but the name, plus disabled)" })
  @ApiBody({ schema: { type: 'object', example: { rpmLimit: 120, allowedModels: [] } } })
  update(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    return this.keys.update(caller, id, body);
  }

  @Post('keys/:id/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'New secret for the key (shown once); the old one stops working on every replica at once, or after gracePeriodSeconds (at most 30 days)' })
  @ApiBody({ required: false, schema: { type: 'object', example: { gracePeriodSeconds: 86400 } } })
  rotate(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown) {
    return this.keys.rotate(caller, id, body);
  }

  @Post('keys/:id/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Refuse the key (401) on every replica until enabled again' })
  disable(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.keys.setDisabled(caller, id, true);
  }

  @Post('keys/:id/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept a disabled key again' })
  enable(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.keys.setDisabled(caller, id, false);
  }

  @Delete('keys/:id')
  @ApiOperation({ summary: 'Delete a key for good' })
  remove(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return this.keys.remove(caller, id);
  }

  @Get('budgets')
  @ApiOperation({ summary: 'Every key and company budget with its spend in the current period, and the last 20 budget alerts' })
  async budgets() {
    const [budgets, alerts] = await Promise.all([this.policy.statuses(), this.repository.latestAlerts(20)]);
    return { budgets, alerts };
  }

  @Put('budgets/companies/:companyId')
  @ApiOperation({ summary: "Set a company's USD budget and its reset period (day, week, month; UTC)" })
  @ApiBody({ schema: { type: 'object', example: { limitUsd: '150.00', period: 'month', note: 'Plan pyme' } } })
  setCompanyBudget(@CurrentCaller() caller: Caller, @Param('companyId', ParseIntPipe) companyId: number, @Body() body: Record<string, unknown>) {
    return this.keys.setCompanyBudget(caller, companyId, body);
  }

  @Delete('budgets/companies/:companyId')
  @ApiOperation({ summary: "Remove a company's budget" })
  removeCompanyBudget(@CurrentCaller() caller: Caller, @Param('companyId', ParseIntPipe) companyId: number) {
    return this.keys.removeCompanyBudget(caller, companyId);
  }

  @Post('keys/config/reload')
  @HttpCode(200)
  @ApiOperation({ summary: 'Read KEYS_CONFIG_PATH again and apply it (all or nothing; every error named)' })
  reloadConfig(@CurrentCaller() caller: Caller) {
    return this.configFile.apply(caller);
  }
}
