let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const u32 = (value: number) => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  out.set(u32(data.length));
  out.set([...type].map((c) => c.charCodeAt(0)), 4);
  out.set(data, 8);
  out.set(u32(crc32(out.subarray(4, 8 + data.length))), 8 + data.length);
  return out;
}

/** zlib with stored (uncompressed) deflate blocks: no compressor needed, and the rows are tiny anyway. */
function zlibStored(raw: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(raw.length / 65535));
  const out = new Uint8Array(2 + blocks * 5 + raw.length + 4);
  out.set([0x78, 0x01]);
  let at = 2;
  for (let i = 0; i < blocks; i += 1) {
    const block = raw.subarray(i * 65535, (i + 1) * 65535);
    out.set([i === blocks - 1 ? 1 : 0, block.length & 0xff, block.length >>> 8, ~block.length & 0xff, (~block.length >>> 8) & 0xff], at);
    out.set(block, at + 5);
    at += 5 + block.length;
  }
  let a = 1;
  let b = 0;
  for (const byte of raw) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  out.set(u32(((b << 16) | a) >>> 0), at);
  return out;
}

/**
 * A valid PNG of one colour (1-bit palette, so a large one stays small): what the mock serves for a scripted image
 * given without bytes, so stories show a real image of the announced size.
 *
 * @example
 * const bytes = solidPng(640, 360, [120, 144, 200]);
 */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [176, 186, 204]): Uint8Array {
  const rowBytes = 1 + Math.ceil(width / 8); // filter byte + 1 bit per pixel, all index 0
  const header = new Uint8Array([...u32(width), ...u32(height), 1, 3, 0, 0, 0]);
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  const parts = [new Uint8Array(signature), chunk('IHDR', header), chunk('PLTE', new Uint8Array(rgb)), chunk('IDAT', zlibStored(new Uint8Array(rowBytes * height))), chunk('IEND', new Uint8Array())];
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  parts.reduce((at, part) => (out.set(part, at), at + part.length), 0);
  return out;
}
