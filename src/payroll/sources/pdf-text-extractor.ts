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

/**
 * Reads PDFs with the `pdf-parse` package (1.x, CommonJS, no native code) when it is installed. It is loaded on first
 * use, so a service without it starts and serves normally; only the Previred PDF source then fails, with this message.
 */
@Injectable()
export class PdfParseTextExtractor extends PdfTextExtractor {
  private pdfParse: PdfParse | null = null;

  async extract(bytes: Uint8Array): Promise<string> {
    this.pdfParse ??= loadPdfParse();
    return extractPdfText(bytes, this.pdfParse);
  }
}

function loadPdfParse(): PdfParse {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional dependency, loaded on first use
    return require('pdf-parse/lib/pdf-parse.js') as PdfParse;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new PdfExtractorMissingError('no PDF text extractor installed (package pdf-parse@1.1.1)');
  }
}
