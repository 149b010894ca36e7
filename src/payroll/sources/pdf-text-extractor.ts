import { Injectable } from '@nestjs/common';

/** Turns the bytes of a PDF into its text: one line per printed line, the pieces of a line separated by spaces. */
export abstract class PdfTextExtractor {
  abstract extract(bytes: Uint8Array): Promise<string>;
}

/** No PDF library is installed, so the PDF source cannot be read (the run report says so). */
export class PdfExtractorMissingError extends Error {}

/** The `pdf-parse` 1.x entry point (its `lib/` file: the package index reads a test PDF when it has no parent module). */
export type PdfParse = (data: Buffer, options: { pagerender: (page: PdfPage) => Promise<string> }) => Promise<{ text: string }>;

interface PdfPage {
  getTextContent(options: { normalizeWhitespace: boolean; disableCombineTextItems: boolean }): Promise<{ items: Array<{ str: string; transform: number[] }> }>;
}

/** Joins a page's text items into lines by their baseline, with a space between the items of one line (pdf-parse's own renderer glues them). */
async function pageLines(page: PdfPage): Promise<string> {
  const content = await page.getTextContent({ normalizeWhitespace: false, disableCombineTextItems: false });
  const lines: string[] = [];
  let lastY: number | null = null;
  for (const item of content.items) {
    const y = item.transform[5];
    if (lastY !== null && Math.abs(y - lastY) < 1) lines[lines.length - 1] += ` ${item.str}`;
    else lines.push(item.str);
    lastY = y;
  }
  return lines.join('\n');
}

/** The text of a PDF read with a given pdf-parse function. */
export async function extractPdfText(bytes: Uint8Array, pdfParse: PdfParse): Promise<string> {
  return (await pdfParse(Buffer.from(bytes), { pagerender: pageLines })).text;
}

/** pdf-parse 2.x: a class over one document. */
export type PdfParseV2 = new (options: { data: Uint8Array }) => { getText(params?: { pageJoiner?: string }): Promise<{ text: string }>; destroy(): Promise<void> };

/** The text of a PDF read with pdf-parse 2.x (items of a line joined by tabs, which the parsers read as spaces). */
export async function extractPdfTextV2(bytes: Uint8Array, PDFParse: PdfParseV2): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText({ pageJoiner: '' })).text;
  } finally {
    await parser.destroy();
  }
}

/**
 * Reads PDFs with the `pdf-parse` package (1.x: CommonJS, no native code; or 2.x) when it is installed. It is loaded on
 * first use, so a service without it starts and serves normally; only the Previred PDF source then fails, saying so.
 */
@Injectable()
export class PdfParseTextExtractor extends PdfTextExtractor {
  private read: ((bytes: Uint8Array) => Promise<string>) | null = null;

  async extract(bytes: Uint8Array): Promise<string> {
    this.read ??= loadPdfParse();
    return this.read(bytes);
  }
}

/* eslint-disable @typescript-eslint/no-require-imports -- optional dependency, loaded on first use */
function loadPdfParse(): (bytes: Uint8Array) => Promise<string> {
  const absent = (error: unknown) => ['MODULE_NOT_FOUND', 'ERR_PACKAGE_PATH_NOT_EXPORTED'].includes((error as NodeJS.ErrnoException).code ?? '');
  try {
    const v1 = require('pdf-parse/lib/pdf-parse.js') as PdfParse;
    return (bytes) => extractPdfText(bytes, v1);
  } catch (error) {
    if (!absent(error)) throw error;
  }
  // 2.x exports only its entry point, which has the PDFParse class (1.x's entry point is not used: it may read a test file).
  try {
    const { PDFParse } = require('pdf-parse') as { PDFParse?: PdfParseV2 };
    if (typeof PDFParse === 'function') return (bytes) => extractPdfTextV2(bytes, PDFParse);
  } catch (error) {
    if (!absent(error)) throw error;
  }
  throw new PdfExtractorMissingError('no PDF text extractor installed (package pdf-parse@1.1.1)');
}
/* eslint-enable @typescript-eslint/no-require-imports */
