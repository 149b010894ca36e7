export { ImportIndicatorsDto } from './dto/import-indicators.dto';
export {
  ExplainedPayslipValidationResponseDto,
  FindingDto,
  LineReportDto,
  PayslipExplanationDto,
  PayslipValidationResponseDto,
} from './dto/payslip-validation-response.dto';
export { ImportIndicatorsResponseDto, IndicatorsResponseDto } from './dto/indicators-response.dto';
export { PayslipHealthDto, PayslipLineDto, ValidatePayslipDto } from './dto/validate-payslip.dto';
export { toAddonIndicators } from './indicators/addon-indicators';
export type { AddonIndicators } from './indicators/addon-indicators';
export { parseIndicatorImport } from './indicators/indicator-import';
export type { IndicatorImportResult } from './indicators/indicator-import';
export { AFP_FUNDS, INDICATOR_KEYS, normaliseAfpName } from './indicators/indicator-set';
export type * from './indicators/indicator-set';
export { describeChange } from './indicators/indicator-changes';
export type { IndicatorChangeKind, PeriodChange } from './indicators/indicator-changes';
export { lookupMessage, lookupPeriod } from './indicators/indicator-lookup';
export type { PeriodLookup } from './indicators/indicator-lookup';
export { toIndicatorsResponse } from './indicators/indicators-response';
export type { IndicatorsResponse } from './indicators/indicators-response';
export type { IndicatorIssue, IndicatorParseResult } from './indicators/parse-indicator-set';
export { isValidPeriod, nearestPeriod, periodOf } from './indicators/period';
export { loadShippedIndicators } from './indicators/shipped-indicators';
export { validatePayslip } from './payslip-validator';
export { checkPayslipInput } from './payslip/check-payslip-input';
export { buildExplanationPrompt, needsExplanation, offlineExplanation } from './payslip/payslip-explanation';
export type { PayslipInput, PayslipLineInput } from './payslip/payslip-input';
export type { Finding, LineReport, PayslipValidationResult } from './payslip/validation-result';
export type { IndicatorStore } from './indicators/indicator-store.service';
export type { ExplainedPayslipValidation, PayrollValidationService } from './payroll-validation.service';
export type { PayslipExplanation } from './payslip-explainer.service';
