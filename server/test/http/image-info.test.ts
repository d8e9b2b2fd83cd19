import { describe, expect, it } from 'vitest';
import { imageInfo } from '../../src/http/image-info.ts';
import { gif, jpeg, png, webp } from '../helpers/images.ts';

describe('imageInfo', () => {
  it('reads type and size from PNG, JPEG, GIF and WebP headers', () => {
    expect(imageInfo(png(3, 2))).toEqual({ contentType: 'image/png', width: 3, height: 2 });
    expect(imageInfo(jpeg(640, 480))).toEqual({ contentType: 'image/jpeg', width: 640, height: 480 });
    expect(imageInfo(gif(16, 9))).toEqual({ contentType: 'image/gif', width: 16, height: 9 });
    expect(imageInfo(webp(1920, 1080))).toEqual({ contentType: 'image/webp', width: 1920, height: 1080 });
  });

  it('reads a lossless (VP8L) WebP', () => {
    const b = Buffer.alloc(30);
    b.write('RIFF', 0, 'latin1');
    b.write('WEBPVP8L', 8, 'latin1');
    b[20] = 0x2f;
    // width-1 = 99 (14 bits), height-1 = 49 (14 bits), packed little-endian
    const bits = 99 | (49 << 14);
    b.writeUInt32LE(bits, 21);
    expect(imageInfo(b)).toEqual({ contentType: 'image/webp', width: 100, height: 50 });
  });

  it('refuses anything else, truncated headers and zero sizes', () => {
    expect(imageInfo(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageInfo(Buffer.from('<html><script>alert(1)</script></html>'))).toBeNull();
    expect(imageInfo(png(3, 2).subarray(0, 20))).toBeNull();
    expect(imageInfo(jpeg(10, 10).subarray(0, 24))).toBeNull();
    expect(imageInfo(gif(0, 5))).toBeNull();
    expect(imageInfo(Buffer.alloc(0))).toBeNull();
  });
});
