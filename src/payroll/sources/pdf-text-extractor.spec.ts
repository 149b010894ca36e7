import { sourceFixtureBytes, sourceFixtureText } from 'test/fixtures/payroll/sources/load-source-fixture';

import { PdfParseTextExtractor } from './pdf-text-extractor';
import { parsePreviredPdfText } from './previred-pdf.parser';

describe('PdfParseTextExtractor', () => {
  const pdf = sourceFixtureBytes('previred-2026-11.pdf');

  it('extracts the printed lines of a PDF, two items on one baseline joined by a space, accents kept', async () => {
    const text = await new PdfParseTextExtractor().extract(pdf);
    expect(text).toContain('RENTAS TOPES IMPONIBLES RENTAS MÍNIMAS IMPONIBLES');
    expect(parsePreviredPdfText(text)).toEqual(parsePreviredPdfText(sourceFixtureText('previred-2026-11.pdf.txt')));
  });

  it('fails a file that is not a PDF', async () => {
    await expect(new PdfParseTextExtractor().extract(new TextEncoder().encode('<html>not a pdf</html>'))).rejects.toThrow();
  });
});
