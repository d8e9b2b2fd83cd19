/** What the bytes of an image say about it. */
export interface ImageInfo {
  contentType: 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function png(data: Buffer): ImageInfo | null {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (data.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { contentType: 'image/png', width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

function gif(data: Buffer): ImageInfo | null {
  if (data.length < 10) return null;
  const magic = data.toString('latin1', 0, 6);
  if (magic !== 'GIF87a' && magic !== 'GIF89a') return null;
  return { contentType: 'image/gif', width: data.readUInt16LE(6), height: data.readUInt16LE(8) };
}

/** Start-of-frame markers carry the size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding) do not. */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpeg(data: Buffer): ImageInfo | null {
  if (data.length < 4 || data[0] !== 0xff || data[1] !== 0xd8 || data[2] !== 0xff) return null;
  let i = 2;
  while (i + 3 < data.length) {
    if (data[i] !== 0xff) return null;
    const marker = data[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2; // markers without a length
      continue;
    }
    const length = data.readUInt16BE(i + 2);
    if (isStartOfFrame(marker)) {
      if (i + 9 > data.length) return null;
      return { contentType: 'image/jpeg', width: data.readUInt16BE(i + 7), height: data.readUInt16BE(i + 5) };
    }
    if (marker === 0xda || length < 2) return null; // image data began without a frame header
    i += 2 + length;
  }
  return null;
}

function webp(data: Buffer): ImageInfo | null {
  if (data.length < 30 || data.toString('latin1', 0, 4) !== 'RIFF' || data.toString('latin1', 8, 12) !== 'WEBP') return null;
  const chunk = data.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') {
    if (data[23] !== 0x9d || data[24] !== 0x01 || data[25] !== 0x2a) return null;
    return { contentType: 'image/webp', width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (data[20] !== 0x2f) return null;
    const b1 = data[22]!;
    const b2 = data[23]!;
    const b3 = data[24]!;
    const width = 1 + (((b1 & 0x3f) << 8) | data[21]!);
    const height = 1 + (((b3 & 0x0f) << 10) | (b2 << 2) | ((b1 & 0xc0) >> 6));
    return { contentType: 'image/webp', width, height };
  }
  if (chunk === 'VP8X') {
    return { contentType: 'image/webp', width: 1 + data.readUIntLE(24, 3), height: 1 + data.readUIntLE(27, 3) };
  }
  return null;
}

/**
 * Recognises PNG, JPEG, GIF and WebP by their signatures and reads their pixel size from the headers; null for
 * anything else (including a truncated or inconsistent header). Never trusts a declared type or a file name.
 *
 * @example
 * imageInfo(buffer); // { contentType: 'image/png', width: 640, height: 480 }
 */
export function imageInfo(data: Buffer): ImageInfo | null {
  try {
    const info = png(data) ?? gif(data) ?? jpeg(data) ?? webp(data);
    return info && info.width > 0 && info.height > 0 ? info : null;
  } catch {
    // A read past the end of a truncated header.
    return null;
  }
}
