import { sourceFixtureBytes, sourceFixtureText } from 'test/fixtures/payroll/sources/load-source-fixture';

import { PdfExtractorMissingError, PdfParseTextExtractor } from './pdf-text-extractor';
import { parsePreviredPdfText } from './previred-pdf.parser';

/** Whether the optional pdf-parse package is installed here (it is not a dependency yet: see README, Payroll indicators). */
function pdfParseInstalled(): boolean {
  try {
    require.resolve('pdf-parse');
    return true;
  } catch {
    return false;
  }
}

describe('PdfParseTextExtractor', () => {
  const pdf = sourceFixtureBytes('previred-2026-11.pdf');

  if (pdfParseInstalled()) {
    it('extracts the printed lines of a PDF, two items on one baseline joined by a space, accents kept', async () => {
      const text = await new PdfParseTextExtractor().extract(pdf);
      expect(text).toContain('RENTAS TOPES IMPONIBLES RENTAS MÍNIMAS IMPONIBLES');
      expect(parsePreviredPdfText(text)).toEqual(parsePreviredPdfText(sourceFixtureText('previred-2026-11.pdf.txt')));
    });
  } else {
    it('without pdf-parse installed, fails every PDF with an error naming the package to install', async () => {
      const extractor = new PdfParseTextExtractor();
      await expect(extractor.extract(pdf)).rejects.toThrow(PdfExtractorMissingError);
      await expect(extractor.extract(pdf)).rejects.toThrow('no PDF text extractor installed (package pdf-parse@1.1.1)');
    });
  }
});
