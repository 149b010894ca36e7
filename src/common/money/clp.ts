/** Chilean peso amounts written the Chilean way: `$1.163.354`, negatives `-$3.083`, decimals after a comma. */

/**
 * Formats pesos. Whole pesos by default (half away from zero), as payslips show them; `keepDecimals` writes a
 * fractional amount as it came (`$1.234,5`), for findings that report a decimal where the SII wants an integer.
 */
export function clp(amount: number, { keepDecimals = false }: { keepDecimals?: boolean } = {}): string {
  const magnitude = Math.abs(amount);
  const [whole, fraction] = (keepDecimals ? magnitude : Math.floor(magnitude + 0.5)).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${amount < 0 ? '-' : ''}$${grouped}${fraction ? `,${fraction}` : ''}`;
}
