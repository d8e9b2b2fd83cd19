import { describe, expect, it } from 'vitest';
import { setup, waitFor } from './helpers/client-harness';
import { sendFiles } from 'natter/features';

/**
 * What only a browser can show of sendFiles: local previews (`blob:` URLs) and image sizes measured with
 * createImageBitmap before the upload ends. Run by the browser project, in Chromium (the core project leaves
 * `*.browser.test.*` out).
 */
describe('sendFiles in a browser', () => {
  it('shows blob: previews at once and reserves the measured size of each readable image', async () => {
    const t = setup();
    await t.open();
    const canvas = new OffscreenCanvas(12, 7);
    canvas.getContext('2d')!.fillRect(0, 0, 12, 7);
    const png = new File([await canvas.convertToBlob({ type: 'image/png' })], 'dot.png', { type: 'image/png' });
    const broken = new File(['not a png'], 'broken.png', { type: 'image/png' });
    const text = new File(['abc'], 'notes.txt', { type: 'text/plain' });
    sendFiles(t.client, 'c1', [png, broken, text]);
    const local = t.slice().messages[0]!.attachments!;
    expect(local.map((a) => [a.url.startsWith('blob:'), a.width])).toEqual([
      [true, null],
      [true, null],
      [true, null],
    ]);
    await waitFor(() =>
      expect(t.slice().messages[0]!.attachments!.map((a) => [a.width, a.height])).toEqual([
        [12, 7],
        [null, null],
        [null, null],
      ]),
    );
    // The unmeasured ones are the same objects: nothing that shows them has to render again.
    const measured = t.slice().messages[0]!.attachments!;
    expect([measured[1], measured[2]]).toEqual([local[1], local[2]]);
    expect(measured[1]).toBe(local[1]);
    expect(measured[2]).toBe(local[2]);
  });
});
