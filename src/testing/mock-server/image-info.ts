/**
 * What the bytes of an image say about it.
 *
 * @example
 * const info: ImageInfo = { contentType: 'image/png', width: 640, height: 480 };
 */
export interface ImageInfo {
  contentType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  /** Null when the signature matched but the size could not be read (a truncated file). */
  width: number | null;
  height: number | null;
}

const ascii = (bytes: Uint8Array, at: number, text: string): boolean => [...text].every((char, i) => bytes[at + i] === char.charCodeAt(0));
const be16 = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const le16 = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const le24 = (b: Uint8Array, at: number) => le16(b, at) | ((b[at + 2] ?? 0) << 16);
const be32 = (b: Uint8Array, at: number) => be16(b, at) * 65536 + be16(b, at + 2);
const sized = (contentType: ImageInfo['contentType'], bytes: Uint8Array, need: number, width: () => number, height: () => number): ImageInfo =>
  bytes.length >= need ? { contentType, width: width(), height: height() } : { contentType, width: null, height: null };

// SOFn markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpegSize(bytes: Uint8Array): ImageInfo {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      at += 2; // markers without a length
      continue;
    }
    if (isStartOfFrame(marker) && at + 9 <= bytes.length) return { contentType: 'image/jpeg', width: be16(bytes, at + 7), height: be16(bytes, at + 5) };
    at += 2 + be16(bytes, at + 2);
  }
  return { contentType: 'image/jpeg', width: null, height: null };
}

function webpSize(bytes: Uint8Array): ImageInfo {
  if (ascii(bytes, 12, 'VP8X')) return sized('image/webp', bytes, 30, () => le24(bytes, 24) + 1, () => le24(bytes, 27) + 1);
  if (ascii(bytes, 12, 'VP8L')) {
    // 14 bits of width − 1, then 14 bits of height − 1, little-endian after the 0x2f signature byte.
    const bits = () => (bytes[21]! | (bytes[22]! << 8) | (bytes[23]! << 16) | (bytes[24]! << 24)) >>> 0;
    return sized('image/webp', bytes, 25, () => (bits() & 0x3fff) + 1, () => ((bits() >>> 14) & 0x3fff) + 1);
  }
  if (ascii(bytes, 12, 'VP8 ')) return sized('image/webp', bytes, 30, () => le16(bytes, 26) & 0x3fff, () => le16(bytes, 28) & 0x3fff);
  return { contentType: 'image/webp', width: null, height: null };
}

/**
 * The image type the bytes really are (PNG, JPEG, GIF or WebP, by signature) and its pixel size, or null when the
 * bytes are not one of those: a declared `image/png` is not believed without the signature.
 *
 * @example
 * imageInfo(pngBytes); // { contentType: 'image/png', width: 2, height: 1 }
 */
export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(bytes, 1, 'PNG\r\n\x1a\n')) {
    return sized('image/png', bytes, 24, () => be32(bytes, 16), () => be32(bytes, 20));
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpegSize(bytes);
  if (ascii(bytes, 0, 'GIF87a') || ascii(bytes, 0, 'GIF89a')) return sized('image/gif', bytes, 10, () => le16(bytes, 6), () => le16(bytes, 8));
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return webpSize(bytes);
  return null;
}
