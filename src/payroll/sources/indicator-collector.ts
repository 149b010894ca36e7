import { Injectable, Logger } from '@nestjs/common';

import type { IndicatorKey } from '../indicators/indicator-set';
import { daysInMonth, SourceFormatError } from './chilean-text';
import { PdfTextExtractor } from './pdf-text-extractor';
import { parsePreviredPdfText } from './previred-pdf.parser';
import { previredPdfUrls } from './previred-pdf-urls';
import { parsePreviredPage, PreviredMonth } from './previred.parser';
import { DatedValues, disagreement, parseCmf, parseMindicator } from './second-source.parser';
import { parseSiiTaxYear, PesoTaxBracket, toUtmBrackets } from './sii-tax.parser';
import { parseSiiUfYear, parseSiiUtmYear, UfYear, UtmMonth } from './sii-values.parser';
import { PayrollSourceSettings } from './payroll-source.settings';
import { SourceDocument, SourcePage, SourcePageFetcher } from './source-page-fetcher';

/** One value read from a source for one month; `value` undefined with status `derived` means "keep the statutory value, derived". */
export interface FetchedValue {
  key: IndicatorKey | 'healthSplit';
  value?: unknown;
  status: 'confirmed' | 'derived';
  source: string;
  sourceUrl: string;
  fetchedAt: string;
  sourceHash: string;
  note?: string;
}

/** How one source document fared in a run. */
export interface SourceOutcome {
  source: string;
  url: string;
  ok: boolean;
  error?: string;
  sha256?: string;
}

/** A value read from a source and not accepted, with the reason the admin sees. */
export interface Refusal {
  period: string;
  key: IndicatorKey;
  reason: string;
}

/** Everything one run read: values by period, each source's outcome and the refused values. */
export interface Collection {
  values: Map<string, FetchedValue[]>;
  sources: SourceOutcome[];
  refusals: Refusal[];
}

type Loaded<T> = { page: SourcePage; data: T } | null;

const cl = (value: number) => value.toLocaleString('es-CL', { maximumFractionDigits: 2 });

/** Reads SII (UF, UTM, impuesto único), Previred and the optional second source for the given months. */
@Injectable()
export class IndicatorCollector {
  private readonly logger = new Logger(IndicatorCollector.name);

  constructor(
    private readonly fetcher: SourcePageFetcher,
    private readonly settings: PayrollSourceSettings,
    private readonly pdfText: PdfTextExtractor,
  ) {}

  async collect(periods: readonly string[]): Promise<Collection> {
    const out: Collection = { values: new Map(periods.map((p) => [p, []])), sources: [], refusals: [] };
    const load = async <T>(source: string, url: string, parse: (text: string) => T): Promise<Loaded<T>> => {
      try {
        const page = await this.fetcher.get(url);
        const data = parse(page.text);
        out.sources.push({ source, url: page.url, ok: true, sha256: page.sha256 });
        return { page, data };
      } catch (error) {
        const message = error instanceof SourceFormatError ? `page format changed: ${error.message}` : (error as Error).message;
        out.sources.push({ source, url: redact(url), ok: false, error: message });
        this.logger.warn(`Payroll source ${source} failed: ${message}`);
        return null;
      }
    };
    const sii = this.settings.siiBaseUrl;
    for (const year of [...new Set(periods.map((p) => Number(p.slice(0, 4))))]) {
      const [uf, utm, tax, second] = await Promise.all([
        load(`SII UF ${year}`, `${sii}/uf/uf${year}.htm`, (t) => parseSiiUfYear(t, year)),
        load(`SII UTM ${year}`, `${sii}/utm/utm${year}.htm`, (t) => parseSiiUtmYear(t, year)),
        load(`SII impuesto ${year}`, `${sii}/impuesto_2da_categoria/impuesto${year}.htm`, (t) => parseSiiTaxYear(t, year)),
        this.secondSource(year, load),
      ]);
      for (const period of periods.filter((p) => p.startsWith(`${year}-`))) this.siiValues(period, { uf, utm, tax, second }, out);
    }
    const previred = await load('Previred', this.settings.previredUrl, parsePreviredPage);
    if (previred && out.values.has(previred.data.period)) this.previredValues(previred.page, 'Previred', previred.data, out);
    if (!previred || !hasPreviredTables(previred.data)) {
      for (const period of periods.slice(-2).reverse()) await this.previredPdf(period, out);
    }
    return out;
  }

  /**
   * Previred's monthly PDF, the second source when its page failed or had no tables: the first candidate URL that
   * answers is read (text extracted, values found by their labels); one outcome per month in the run report.
   */
  private async previredPdf(period: string, out: Collection): Promise<void> {
    const source = `Previred PDF ${period}`;
    const candidates = previredPdfUrls(this.settings.previredUrl, period);
    let lastError = '';
    for (const url of candidates) {
      let document: SourceDocument;
      try {
        document = await this.fetcher.getDocument(url);
      } catch (error) {
        lastError = (error as Error).message;
        continue;
      }
      try {
        const month = parsePreviredPdfText(await this.pdfText.extract(document.bytes));
        if (!out.values.has(month.period)) throw new SourceFormatError(`the PDF is about ${month.period}, not ${period}`);
        out.sources.push({ source, url: document.url, ok: true, sha256: document.sha256 });
        this.previredValues(document, 'Previred PDF', month, out);
      } catch (error) {
        const message = error instanceof SourceFormatError ? `PDF format changed: ${error.message}` : (error as Error).message;
        out.sources.push({ source, url: document.url, ok: false, error: message, sha256: document.sha256 });
        this.logger.warn(`Payroll source ${source} failed: ${message}`);
      }
      return;
    }
    const error = `no PDF at ${candidates.length} candidate URLs (last: ${lastError})`;
    out.sources.push({ source, url: candidates[0], ok: false, error });
    this.logger.warn(`Payroll source ${source} failed: ${error}`);
  }

  private async secondSource(year: number, load: <T>(s: string, u: string, p: (t: string) => T) => Promise<Loaded<T>>) {
    const { secondSource, mindicadorBaseUrl, cmfBaseUrl, cmfApiKey } = this.settings;
    if (secondSource === 'none') return null;
    const [uf, utm] =
      secondSource === 'cmf'
        ? await Promise.all([
            load(`CMF UF ${year}`, `${cmfBaseUrl}/uf/${year}?apikey=${encodeURIComponent(cmfApiKey ?? '')}&formato=json`, parseCmf),
            load(`CMF UTM ${year}`, `${cmfBaseUrl}/utm/${year}?apikey=${encodeURIComponent(cmfApiKey ?? '')}&formato=json`, parseCmf),
          ])
        : await Promise.all([load(`mindicador UF ${year}`, `${mindicadorBaseUrl}/uf/${year}`, parseMindicator), load(`mindicador UTM ${year}`, `${mindicadorBaseUrl}/utm/${year}`, parseMindicator)]);
    return { name: secondSource, uf: uf?.data ?? null, utm: utm?.data ?? null };
  }

  private siiValues(
    period: string,
    pages: { uf: Loaded<UfYear>; utm: Loaded<Map<string, UtmMonth>>; tax: Loaded<Map<string, PesoTaxBracket[]>>; second: { name: string; uf: DatedValues | null; utm: DatedValues | null } | null },
    out: Collection,
  ): void {
    const values = out.values.get(period)!;
    const from = (page: SourcePage, extra: Partial<FetchedValue>) => ({ source: 'SII', sourceUrl: page.url, fetchedAt: page.fetchedAt, sourceHash: page.sha256, ...extra });
    const [year, month] = period.split('-').map(Number);
    const uf = pages.uf?.data.monthEnd.get(period);
    if (uf !== undefined) {
      const checked = this.crossCheck(period, 'uf', uf, pages.second?.uf?.get(`${period}-${daysInMonth(year, month)}`), pages.second?.name, out);
      if (checked !== null) values.push({ key: 'uf', value: uf, status: 'confirmed', ...from(pages.uf!.page, { note: checked }) } as FetchedValue);
    }
    const utm = pages.utm?.data.get(period);
    if (utm) {
      const checked = this.crossCheck(period, 'utm', utm.utm, pages.second?.utm?.get(`${period}-01`), pages.second?.name, out);
      if (checked !== null) {
        values.push({ key: 'utm', value: utm.utm, status: 'confirmed', ...from(pages.utm!.page, { note: checked }) } as FetchedValue);
        values.push({ key: 'uta', value: utm.uta, status: 'confirmed', ...from(pages.utm!.page, {}) } as FetchedValue);
        const brackets = pages.tax?.data.get(period);
        if (brackets) values.push({ key: 'taxBrackets', value: toUtmBrackets(brackets, utm.utm), status: 'confirmed', ...from(pages.tax!.page, {}) } as FetchedValue);
        else values.push({ key: 'taxBrackets', status: 'derived', ...from(pages.utm!.page, { note: 'SII aún no publica la tabla del mes: tramos legales en UTM × UTM del mes' }) } as FetchedValue);
      }
    }
  }

  /** Null (refused, recorded) when the second source disagrees; otherwise the note saying how the value was checked. */
  private crossCheck(period: string, key: 'uf' | 'utm', primary: number, second: number | undefined, name: string | undefined, out: Collection): string | null {
    if (!name) return 'sin segunda fuente configurada';
    if (second === undefined) return `no contrastado: ${name} no tiene el valor`;
    const pct = disagreement(primary, second, this.settings.crossCheckTolerancePct);
    if (pct === null) return `contrastado con ${name}`;
    out.refusals.push({ period, key, reason: `SII ${cl(primary)} y ${name} ${cl(second)} difieren ${cl(pct)} % (tolerancia ${cl(this.settings.crossCheckTolerancePct)} %): no se aceptó` });
    return null;
  }

  private previredValues(page: Pick<SourcePage, 'url' | 'fetchedAt' | 'sha256'>, source: string, month: PreviredMonth, out: Collection): void {
    const values = out.values.get(month.period)!;
    const put = (key: IndicatorKey | 'healthSplit', value: unknown) => {
      if (value !== undefined) values.push({ key, value, status: 'confirmed', source, sourceUrl: page.url, fetchedAt: page.fetchedAt, sourceHash: page.sha256 });
    };
    const has = (key: IndicatorKey) => values.some((v) => v.key === key);
    if (!has('uf')) put('uf', month.ufMonthEnd);
    if (!has('utm') && month.utm !== undefined) {
      put('utm', month.utm);
      put('uta', month.utm * 12);
    }
    put('imm', month.imm);
    put('immMenores18Mayores65', month.immMenores18Mayores65);
    put('immNoRemuneracional', month.immNoRemuneracional);
    put('topeAfpSaludUf', month.topeAfpSaludUf);
    put('topeAfcUf', month.topeAfcUf);
    put('topeIpsUf', month.topeIpsUf);
    put('afpCommissionPct', month.afpCommissionPct);
    put('sisPct', month.sisPct);
    put('employerReform', month.employerReform);
    put('afcRates', month.afcRates);
    put('asignacionFamiliar', month.asignacionFamiliar);
    put('healthSplit', month.healthSplit);
    if (month.apvMonthlyUf !== undefined && month.apvAnnualUf !== undefined) put('apvTopes', { monthlyUf: month.apvMonthlyUf, annualUf: month.apvAnnualUf });
  }
}

/** True when the page gave the tables Previred is read for (a page without them sends the run to the PDF). */
function hasPreviredTables(month: PreviredMonth): boolean {
  return month.imm !== undefined || month.afpCommissionPct !== undefined || month.topeAfpSaludUf !== undefined;
}

function redact(url: string): string {
  return url.replace(/apikey=[^&]*/gi, 'apikey=***');
}
