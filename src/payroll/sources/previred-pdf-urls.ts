import { periodKey, spanishMonthName } from './chilean-text';

/**
 * Where Previred uploads the monthly PDF of a remuneration month, most likely first:
 * `{origin}/wp-content/uploads/{YYYY}/{MM}/Indicadores-Previsionales-Previred-{Mes}-{YYYY}.pdf`, in the month's upload
 * folder or the next one, a corrected re-upload (`-V2`) before the first (indicator-sources.md). Same host as the page.
 */
export function previredPdfUrls(previredPageUrl: string, period: string): string[] {
  const origin = new URL(previredPageUrl).origin;
  const [year, month] = period.split('-').map(Number);
  const name = `Indicadores-Previsionales-Previred-${spanishMonthName(month)}-${year}`;
  const folders = [periodKey(year, month), month === 12 ? periodKey(year + 1, 1) : periodKey(year, month + 1)];
  return folders.flatMap((folder) => [`${name}-V2.pdf`, `${name}.pdf`].map((file) => `${origin}/wp-content/uploads/${folder.replace('-', '/')}/${file}`));
}
