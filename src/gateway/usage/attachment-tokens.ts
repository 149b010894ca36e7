/**
 * Input-token estimates for images and PDFs, before any vendor counts them. Vendors bill these by what they show,
 * not by their bytes: Anthropic about width × height / 750 per image (at most ~1,600 once it scales a large one
 * down) and 1,500-3,000 per PDF page, OpenAI 85 for a low-detail image and 255-1,445 otherwise, Gemini 258 per
 * image or page. The estimate takes the upper end, as it guards budgets and the cost ceiling; the vendor's own count
 * settles every charge afterwards.
 */

/** OpenAI's price of an image sent with `detail: "low"`. */
export const LOW_DETAIL_IMAGE_TOKENS = 85;
/** An image whose size cannot be read (a URL, an unknown format): the most a vendor bills for one. */
export const UNKNOWN_IMAGE_TOKENS = 1_600;
const MIN_IMAGE_TOKENS = 255;
/** A PDF page: text and the page's picture, at the upper end of Anthropic's 1,500-3,000. */
export const PDF_PAGE_TOKENS = 2_500;
/** A document whose pages cannot be counted (a file id, or pages kept in compressed object streams): bytes per page assumed. */
const PDF_BYTES_PER_PAGE = 50_000;
/** Enough of an image's head to find its size (a JPEG's frame header can follow ~64 KB of metadata). */
const HEAD_BASE64_CHARS = 131_072;

const DATA_URL = /^data:([^;,]+)?(?:;[^,]*)?;base64,/i;

/** Tokens for an image part (`image_url`), from its pixel size when it is inline. */
export function imageTokens(url: unknown, detail: unknown): number {
  if (detail === 'low') return LOW_DETAIL_IMAGE_TOKENS;
  const size = typeof url === 'string' ? inlineImageSize(url) : undefined;
  if (!size) return UNKNOWN_IMAGE_TOKENS;
  return Math.min(UNKNOWN_IMAGE_TOKENS, Math.max(MIN_IMAGE_TOKENS, Math.ceil((size.width * size.height) / 750)));
}

/** Tokens for a file part (a PDF as `file_data` or a `file_id`): its pages when they can be counted, else its size. */
export function documentTokens(fileData: unknown): number {
  if (typeof fileData !== 'string') return PDF_PAGE_TOKENS;
  const match = DATA_URL.exec(fileData);
  const base64 = match ? fileData.slice(match[0].length) : fileData;
  const bytes = Buffer.from(base64, 'base64');
  const pages = countPdfPages(bytes.toString('latin1')) || Math.ceil(bytes.length / PDF_BYTES_PER_PAGE);
  return Math.max(1, pages) * PDF_PAGE_TOKENS;
}

/** Page objects written in the clear (`/Type /Page`, not `/Pages`); 0 when they sit in compressed streams. */
export function countPdfPages(text: string): number {
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

/** Width and height of a PNG, GIF, WebP or JPEG data URL, read from its header; undefined otherwise. */
export function inlineImageSize(url: string): { width: number; height: number } | undefined {
  const match = DATA_URL.exec(url);
  if (!match) return undefined;
  const head = Buffer.from(url.slice(match[0].length, match[0].length + HEAD_BASE64_CHARS), 'base64');
  return pngSize(head) ?? gifSize(head) ?? webpSize(head) ?? jpegSize(head);
}

function pngSize(b: Buffer): { width: number; height: number } | undefined {
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47 || b.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function gifSize(b: Buffer): { width: number; height: number } | undefined {
  if (b.length < 10 || b.toString('latin1', 0, 4) !== 'GIF8') return undefined;
  return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
}

/** A WebP's canvas: VP8X (extended), VP8L (lossless) or VP8 (lossy) header. */
function webpSize(b: Buffer): { width: number; height: number } | undefined {
  if (b.length < 30 || b.toString('latin1', 0, 4) !== 'RIFF' || b.toString('latin1', 8, 12) !== 'WEBP') return undefined;
  const chunk = b.toString('latin1', 12, 16);
  if (chunk === 'VP8X') return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
  if (chunk === 'VP8L' && b[20] === 0x2f) {
    const bits = b.readUInt32LE(21);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ' && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  return undefined;
}

/** The first start-of-frame segment's size (baseline, progressive and the rarer codings alike). */
function jpegSize(b: Buffer): { width: number; height: number } | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return undefined;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return undefined; // image data or its end before any frame header
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return { width: b.readUInt16BE(at + 7), height: b.readUInt16BE(at + 5) };
    at += 2 + b.readUInt16BE(at + 2);
  }
  return undefined;
}
