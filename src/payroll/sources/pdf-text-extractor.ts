import { Injectable } from '@nestjs/common';

/** Turns the bytes of a PDF into its text: one line per printed line, the pieces of a line separated by spaces. */
export abstract class PdfTextExtractor {
  abstract extract(bytes: Uint8Array): Promise<string>;
}

/** pdf-parse 2.x: a class over one document. */
type PdfParseClass = new (options: { data: Uint8Array }) => { getText(params?: { pageJoiner?: string }): Promise<{ text: string }>; destroy(): Promise<void> };

/**
 * Reads PDFs with `pdf-parse` 2.x (items of a line joined by tabs, which the parsers read as spaces). The package
 * (pdf.js and a canvas binding) is required on the first PDF, so start-up and memory do not pay for it.
 */
@Injectable()
export class PdfParseTextExtractor extends PdfTextExtractor {
  private PDFParse?: PdfParseClass;

  async extract(bytes: Uint8Array): Promise<string> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
    this.PDFParse ??= (require('pdf-parse') as { PDFParse: PdfParseClass }).PDFParse;
    const parser = new this.PDFParse({ data: new Uint8Array(bytes) });
    try {
      return (await parser.getText({ pageJoiner: '' })).text;
    } finally {
      await parser.destroy();
    }
  }
}
