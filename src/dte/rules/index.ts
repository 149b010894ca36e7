/** The rule registry: adding a rule is one `<name>.rule.ts` file plus one line here. */
import { additionalTaxAmountsRule } from './additional-tax-amounts.rule';
import { cafEnvironmentRule } from './caf-environment.rule';
import { cafExpiryRule } from './caf-expiry.rule';
import { constructionCreditRule } from './construction-credit.rule';
import { dueDateOrderRule } from './due-date-order.rule';
import { emissionAfterResolutionRule } from './emission-after-resolution.rule';
import { emissionDateNotFutureRule } from './emission-date-not-future.rule';
import { emissionDateRangeRule } from './emission-date-range.rule';
import { emitterRutIdentityRule } from './emitter-rut-identity.rule';
import { envelopeTypeRule } from './envelope-type.rule';
import { exemptTotalsRule } from './exempt-totals.rule';
import { exemptTypeNoVatRule } from './exempt-type-no-vat.rule';
import { facturaNeedsTaxedLineRule } from './factura-needs-taxed-line.rule';
import { facturaVatRateRule } from './factura-vat-rate.rule';
import { fieldLengthsRule } from './field-lengths.rule';
import { folioAlreadyUsedRule } from './folio-already-used.rule';
import { folioFormatRule } from './folio-format.rule';
import { folioInCafRangeRule } from './folio-in-caf-range.rule';
import { forbiddenFieldsRule } from './forbidden-fields.rule';
import { foreignCustomerTypeRule } from './foreign-customer-type.rule';
import { globalAdjustmentsRule } from './global-adjustments.rule';
import { grossIvaSplitRule } from './gross-iva-split.rule';
import { guiaExportTransferRule } from './guia-export-transfer.rule';
import { guiaIndTrasladoRule } from './guia-ind-traslado.rule';
import { guiaInternalTransferRule } from './guia-internal-transfer.rule';
import { guiaTransport2026Rule } from './guia-transport-2026.rule';
import { integerAmountsRule } from './integer-amounts.rule';
import { latin1TextRule } from './latin1-text.rule';
import { ivaAmountRule } from './iva-amount.rule';
import { lineAmountBasisRule } from './line-amount-basis.rule';
import { lineAmountRule } from './line-amount.rule';
import { lineCountRule } from './line-count.rule';
import { lineExemptIndicatorRule } from './line-exempt-indicator.rule';
import { lineQuantityPriceRule } from './line-quantity-price.rule';
import { lineTaxCodesRule } from './line-tax-codes.rule';
import { lineTextLengthsRule } from './line-text-lengths.rule';
import { lineZeroAmountRule } from './line-zero-amount.rule';
import { netExemptSumsRule } from './net-exempt-sums.rule';
import { odooPostPrerequisitesRule } from './odoo-post-prerequisites.rule';
import { periodAmountRule } from './period-amount.rule';
import { referenceCodRefRule } from './reference-codref.rule';
import { referenceFieldsRule } from './reference-fields.rule';
import { referenceLineNumbersRule } from './reference-line-numbers.rule';
import { referenceOtherRutRule } from './reference-other-rut.rule';
import { referenceRequiredRule } from './reference-required.rule';
import { referenceSingleDocumentRule } from './reference-single-document.rule';
import { referencedDocumentStatusRule } from './referenced-document-status.rule';
import { referencedDocumentValidRule } from './referenced-document-valid.rule';
import { requiredFieldsRule } from './required-fields.rule';
import type { DteRule } from './rule';
import { rutCheckDigitRule } from './rut-check-digit.rule';
import { rutFormatRule } from './rut-format.rule';
import { rutRangeRule } from './rut-range.rule';
import { tedConsistencyRule } from './ted-consistency.rule';
import { textCorrectionNoteRule } from './text-correction-note.rule';
import { timestampFormatRule } from './timestamp-format.rule';
import { tipoDteValidRule } from './tipo-dte-valid.rule';
import { totalIdentityRule } from './total-identity.rule';

export type { DteRule, Finding, RuleContext, Severity } from './rule';

/** Every rule, in the order findings are reported. */
export const DTE_RULES: readonly DteRule[] = [
  tipoDteValidRule,
  envelopeTypeRule,
  facturaNeedsTaxedLineRule,
  exemptTypeNoVatRule,
  foreignCustomerTypeRule,
  rutFormatRule,
  rutCheckDigitRule,
  rutRangeRule,
  emitterRutIdentityRule,
  requiredFieldsRule,
  odooPostPrerequisitesRule,
  forbiddenFieldsRule,
  fieldLengthsRule,
  latin1TextRule,
  emissionDateRangeRule,
  emissionDateNotFutureRule,
  emissionAfterResolutionRule,
  dueDateOrderRule,
  timestampFormatRule,
  folioFormatRule,
  folioInCafRangeRule,
  folioAlreadyUsedRule,
  cafExpiryRule,
  cafEnvironmentRule,
  lineCountRule,
  lineTextLengthsRule,
  lineQuantityPriceRule,
  lineAmountRule,
  lineZeroAmountRule,
  lineExemptIndicatorRule,
  lineTaxCodesRule,
  lineAmountBasisRule,
  globalAdjustmentsRule,
  netExemptSumsRule,
  ivaAmountRule,
  grossIvaSplitRule,
  additionalTaxAmountsRule,
  constructionCreditRule,
  totalIdentityRule,
  periodAmountRule,
  tedConsistencyRule,
  integerAmountsRule,
  exemptTotalsRule,
  facturaVatRateRule,
  referenceRequiredRule,
  referenceCodRefRule,
  referenceSingleDocumentRule,
  referenceLineNumbersRule,
  referenceFieldsRule,
  referenceOtherRutRule,
  referencedDocumentValidRule,
  referencedDocumentStatusRule,
  textCorrectionNoteRule,
  guiaIndTrasladoRule,
  guiaInternalTransferRule,
  guiaExportTransferRule,
  guiaTransport2026Rule,
];
