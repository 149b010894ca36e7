import { countPdfPages, documentTokens, imageTokens, inlineImageSize, PDF_PAGE_TOKENS, UNKNOWN_IMAGE_TOKENS } from './attachment-tokens';
import { approximateTokens } from './token-estimate';

const dataUrl = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString('base64')}`;

function png(width: number, height: number): Buffer {
  const head = Buffer.alloc(33);
  head.writeUInt32BE(0x89504e47, 0);
  head.writeUInt32BE(0x0d0a1a0a, 4);
  head.writeUInt32BE(13, 8);
  head.write('IHDR', 12, 'latin1');
  head.writeUInt32BE(width, 16);
  head.writeUInt32BE(height, 20);
  return Buffer.concat([head, Buffer.alloc(200, 7)]);
}

/** A JPEG with an APP1 (EXIF) segment of `exifBytes` before its progressive frame header. */
function jpeg(width: number, height: number, exifBytes = 0): Buffer {
  const app1 = Buffer.alloc(4 + exifBytes);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(2 + exifBytes, 2);
  const sof = Buffer.alloc(19);
  sof.writeUInt16BE(0xffc2, 0);
  sof.writeUInt16BE(17, 2);
  sof[4] = 8;
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, sof, Buffer.from([0xff, 0xda, 0, 2]), Buffer.alloc(500, 1)]);
}

function gif(width: number, height: number): Buffer {
  const b = Buffer.alloc(64);
  b.write('GIF89a', 0, 'latin1');
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  return b;
}

/** WebP headers as libwebp writes them: lossy (VP8), lossless (VP8L) and extended (VP8X). */
function webp(kind: 'VP8 ' | 'VP8L' | 'VP8X', width: number, height: number): Buffer {
  const b = Buffer.alloc(40);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(32, 4);
  b.write('WEBP', 8, 'latin1');
  b.write(kind, 12, 'latin1');
  if (kind === 'VP8X') {
    b.writeUIntLE(width - 1, 24, 3);
    b.writeUIntLE(height - 1, 27, 3);
  } else if (kind === 'VP8L') {
    b[20] = 0x2f;
    b.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 21);
  } else {
    b[23] = 0x9d;
    b[24] = 0x01;
    b[25] = 0x2a;
    b.writeUInt16LE(width, 26);
    b.writeUInt16LE(height, 28);
  }
  return b;
}

const pdf = (pages: number) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Count ${pages} >> endobj\n` +
      Array.from({ length: pages }, (_, i) => `${i + 3} 0 obj << /Type/Page /Parent 2 0 R >> endobj\n`).join('') +
      '%%EOF',
    'latin1',
  );

describe('attachment token estimates', () => {
  it('reads the pixel size of PNG, GIF, WebP and JPEG data URLs, a frame header behind 60 KB of EXIF included', () => {
    expect(inlineImageSize(dataUrl('image/png', png(1024, 768)))).toEqual({ width: 1024, height: 768 });
    expect(inlineImageSize(dataUrl('image/gif', gif(320, 200)))).toEqual({ width: 320, height: 200 });
    expect(inlineImageSize(dataUrl('image/jpeg', jpeg(4032, 3024, 60_000)))).toEqual({ width: 4032, height: 3024 });
    expect(inlineImageSize('https://example.com/factura.png')).toBeUndefined();
    expect(inlineImageSize(dataUrl('image/webp', webp('VP8 ', 800, 600)))).toEqual({ width: 800, height: 600 });
    expect(inlineImageSize(dataUrl('image/webp', webp('VP8L', 1920, 1080)))).toEqual({ width: 1920, height: 1080 });
    expect(inlineImageSize(dataUrl('image/webp', webp('VP8X', 5000, 3000)))).toEqual({ width: 5000, height: 3000 });
    expect(inlineImageSize(dataUrl('image/webp', Buffer.from('RIFF....WEBPVP8 ')))).toBeUndefined();
  });

  it('prices an image by its pixels within what vendors bill, low detail at 85 and an unknown one at the most', () => {
    expect(imageTokens(dataUrl('image/png', png(1000, 750)), undefined)).toBe(1000);
    expect(imageTokens(dataUrl('image/jpeg', jpeg(4032, 3024)), 'high')).toBe(UNKNOWN_IMAGE_TOKENS);
    expect(imageTokens(dataUrl('image/png', png(64, 64)), 'auto')).toBe(255);
    expect(imageTokens(dataUrl('image/png', png(4000, 4000)), 'low')).toBe(85);
    expect(imageTokens('https://example.com/boleta.jpg', undefined)).toBe(UNKNOWN_IMAGE_TOKENS);
  });

  it('counts the pages of a PDF written in the clear, and falls back to its size when they are compressed', () => {
    expect(countPdfPages(pdf(12).toString('latin1'))).toBe(12);
    expect(documentTokens(dataUrl('application/pdf', pdf(12)))).toBe(12 * PDF_PAGE_TOKENS);
    expect(documentTokens(pdf(3).toString('base64'))).toBe(3 * PDF_PAGE_TOKENS);
    const compressed = Buffer.concat([Buffer.from('%PDF-1.7\n<< /Type /ObjStm /N 40 >> stream\n', 'latin1'), Buffer.alloc(180_000, 0x9c)]);
    expect(documentTokens(dataUrl('application/pdf', compressed))).toBe(4 * PDF_PAGE_TOKENS);
    expect(documentTokens(undefined)).toBe(PDF_PAGE_TOKENS);
  });

  it('adds attachments to the text estimate of a request', () => {
    const text = { role: 'user' as const, content: 'Lee esta factura y dime el total' };
    const withScan = {
      role: 'user' as const,
      content: [
        { type: 'text' as const, text: 'Lee esta factura y dime el total' },
        { type: 'image_url' as const, image_url: { url: dataUrl('image/png', png(1500, 1000)) } },
        { type: 'file' as const, file: { file_data: dataUrl('application/pdf', pdf(5)), filename: 'factura.pdf' } },
      ],
    };
    expect(approximateTokens({ messages: [withScan] }) - approximateTokens({ messages: [text] })).toBe(1600 + 5 * PDF_PAGE_TOKENS);
  });
});
