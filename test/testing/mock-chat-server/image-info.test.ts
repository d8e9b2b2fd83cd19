import { describe, expect, it } from 'vitest';
import { imageInfo } from '../../../src/testing/mock-server/image-info';
import { solidPng } from '../../../src/testing/mock-server/solid-png';

const bytes = (...parts: Array<string | number[]>) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('imageInfo: the type and size from the bytes', () => {
  it('reads PNG, GIF, JPEG (skipping segments before SOF) and the three WebP flavours', () => {
    expect(imageInfo(solidPng(640, 360))).toEqual({ contentType: 'image/png', width: 640, height: 360 });
    expect(imageInfo(bytes('GIF89a', [0x2c, 0x01, 0x5e, 0x00]))).toEqual({ contentType: 'image/gif', width: 300, height: 94 });
    const jpeg = bytes([0xff, 0xd8], [0xff, 0xe0, 0x00, 0x04, 0x4a, 0x46], [0xff, 0xc4, 0x00, 0x03, 0x00], [0xff, 0xc2, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03]);
    expect(imageInfo(jpeg)).toEqual({ contentType: 'image/jpeg', width: 640, height: 480 });
    const riff = (chunk: string, body: number[]) => bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, body);
    expect(imageInfo(riff('VP8X', [10, 0, 0, 0, 0, 0, 0, 0, 0x7f, 0x02, 0x00, 0xdf, 0x01, 0x00]))).toEqual({ contentType: 'image/webp', width: 640, height: 480 });
    // VP8L: 0x2f, then (width−1) in 14 bits and (height−1) in the next 14: 99 and 49.
    const packed = 99 | (49 << 14);
    expect(imageInfo(riff('VP8L', [0, 0, 0, 0, 0x2f, packed & 0xff, (packed >> 8) & 0xff, (packed >> 16) & 0xff, (packed >>> 24) & 0xff]))).toEqual({ contentType: 'image/webp', width: 100, height: 50 });
    expect(imageInfo(riff('VP8 ', [0, 0, 0, 0, 0, 0, 0, 0x9d, 0x01, 0x2a, 0x20, 0x03, 0x58, 0x02]))).toEqual({ contentType: 'image/webp', width: 800, height: 600 });
  });

  it('believes no declared type: other bytes are not images, and truncated images have no size', () => {
    expect(imageInfo(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(imageInfo(bytes('%PDF-1.7'))).toBeNull();
    expect(imageInfo(new Uint8Array())).toBeNull();
    expect(imageInfo(solidPng(4, 4).subarray(0, 12))).toEqual({ contentType: 'image/png', width: null, height: null });
    expect(imageInfo(bytes([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toEqual({ contentType: 'image/jpeg', width: null, height: null });
  });
});
