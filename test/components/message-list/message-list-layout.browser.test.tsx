import type { ChatMessage } from 'natter';
import { Message } from 'natter/components';
import type { MockMessageInput } from 'natter/testing';
import { useEffect, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { elementOf, installListHarness, messageElements, scrollListTo, settled, until } from './browser-harness';

const { render } = installListHarness();

/** Local time, `daysAgo` days before today, at hh:mm. */
const at = (daysAgo: number, hours: number, minutes: number) => {
  const now = new Date();
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysAgo, hours, minutes).getTime();
};
const isoDay = (time: number) => {
  const d = new Date(time);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Three days; ben's run across midnight is two groups. */
const THREE_DAYS: MockMessageInput[] = [
  { from: 'ben', content: 'd1 a', createdAt: at(2, 9, 0) },
  { from: 'ben', content: 'd1 b', createdAt: at(2, 9, 1) },
  { from: 'ben', content: 'd1 c', createdAt: at(2, 9, 3) },
  { from: 'cy', content: 'd1 d', createdAt: at(2, 9, 4) },
  { from: 'cy', content: 'd1 e', createdAt: at(2, 9, 30) },
  { from: 'ben', content: 'd2 a', createdAt: at(1, 23, 58) },
  { from: 'ben', content: 'd3 a', createdAt: at(0, 0, 1) },
  { from: 'ben', content: 'd3 b', createdAt: at(0, 0, 2) },
];

const contentOf = (element: Element) => element.querySelector('[data-natter="message-content"]')?.textContent;
const positions = (log: HTMLElement) =>
  Object.fromEntries(messageElements(log).map((m) => [contentOf(m), m.closest('[data-natter="message-row"]')!.getAttribute('data-group-position')]));

describe('MessageList in a browser: days and groups', () => {
  it('separates days with a named <time> separator before each day\'s first message, and groups runs of one sender', async () => {
    const { log } = await render({ messages: THREE_DAYS });
    await until(() => expect(messageElements(log)).toHaveLength(8));
    const separators = [...log.querySelectorAll<HTMLElement>('[data-natter="date-separator"]')];
    expect(separators.map((s) => s.querySelector('time')!.getAttribute('dateTime'))).toEqual([at(2, 9, 0), at(1, 23, 58), at(0, 0, 1)].map(isoDay));
    expect(separators.every((s) => s.getAttribute('role') === 'separator')).toBe(true);
    expect(separators.map((s) => s.getAttribute('aria-label'))).toEqual([
      new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', ...(new Date(at(2, 9, 0)).getFullYear() === new Date().getFullYear() ? {} : { year: 'numeric' }) }).format(at(2, 9, 0)),
      'Yesterday',
      'Today',
    ]);
    // In reading order: each separator comes right before its day's first message.
    const order = [...log.querySelectorAll('[data-natter="date-separator"], [data-natter="message"]')].map((e) =>
      e.getAttribute('data-natter') === 'date-separator' ? `| ${e.getAttribute('aria-label')}` : contentOf(e),
    );
    expect(order).toEqual([`| ${separators[0]!.getAttribute('aria-label')}`, 'd1 a', 'd1 b', 'd1 c', 'd1 d', 'd1 e', '| Yesterday', 'd2 a', '| Today', 'd3 a', 'd3 b']);
    // cy's second message is 26 minutes later: a new group. Ben's 23:58 and 00:01 are split by the day.
    expect(positions(log)).toEqual({
      'd1 a': 'first',
      'd1 b': 'middle',
      'd1 c': 'last',
      'd1 d': 'single',
      'd1 e': 'single',
      'd2 a': 'single',
      'd3 a': 'first',
      'd3 b': 'last',
    });
    // The default styles show the sender once per group.
    const senderShown = (content: string) => {
      const sender = messageElements(log).find((m) => contentOf(m) === content)!.querySelector<HTMLElement>('[data-natter="message-sender"]')!;
      return getComputedStyle(sender).display !== 'none';
    };
    expect(['d1 a', 'd1 b', 'd1 c', 'd1 d'].map(senderShown)).toEqual([true, false, false, true]);
  });

  it('groups within `groupWithinMs`, and draws no separators with dateSeparator={false} or yours with a function', async () => {
    const { log, rerender, chatId } = await render({ messages: THREE_DAYS, props: { dateSeparator: false, groupWithinMs: 60 * 60_000 } });
    await until(() => expect(messageElements(log)).toHaveLength(8));
    expect(log.querySelector('[data-natter="date-separator"]')).toBeNull();
    expect(positions(log)).toMatchObject({ 'd1 d': 'first', 'd1 e': 'last', 'd2 a': 'single' });

    const { MessageList } = await import('natter/components');
    const day = (date: Date) => <p className="my-day">{date.getDate()}</p>;
    rerender(<MessageList chatId={chatId} dateSeparator={day} groupWithinMs={0} />);
    await until(() => expect(log.querySelectorAll('.my-day')).toHaveLength(3));
    expect([...log.querySelectorAll('.my-day')].map((e) => e.textContent)).toEqual([at(2, 0, 0), at(1, 0, 0), at(0, 0, 0)].map((t) => String(new Date(t).getDate())));
    expect(new Set(Object.values(positions(log)))).toEqual(new Set(['single']));
  });
});

/** Content that grows by 300 px when told: a late embed, an image without a reserved size. */
const grow = new EventTarget();
function Growing({ message }: { message: ChatMessage }) {
  const [tall, setTall] = useState(false);
  useEffect(() => {
    const onGrow = () => setTall(true);
    grow.addEventListener('grow', onGrow);
    return () => grow.removeEventListener('grow', onGrow);
  }, []);
  return (
    <>
      <Message message={message} />
      {message.content.startsWith('GROW') && <div data-testid="late" style={{ height: tall ? 320 : 20 }} />}
    </>
  );
}
const renderGrowing = (message: ChatMessage) => <Growing message={message} />;

/** A real PNG of this size, drawn in the page. */
async function png(width: number, height: number): Promise<Uint8Array> {
  const canvas = new OffscreenCanvas(width, height);
  canvas.getContext('2d')!.fillRect(0, 0, width, height);
  return new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
}

describe('MessageList in a browser: content that loads late', () => {
  it('a row above the viewport that grows does not move what the reader sees', async () => {
    const messages = Array.from({ length: 60 }, (_, i) => ({ from: i % 2 ? 'ben' : 'cy', content: i === 30 ? 'GROW here' : `message ${i}` }));
    const { log } = await render({ messages, props: { renderMessage: renderGrowing } });
    await settled(() => log.scrollTop);
    const late = await scrollUntilRendered(log);
    // The growing row just above the viewport: rendered (in the virtualizer's margin) but not on screen.
    await scrollListTo(log, log.scrollTop + (late.getBoundingClientRect().bottom - log.getBoundingClientRect().top) + 40);
    await settled(() => log.scrollTop);
    expect(late.isConnected).toBe(true);
    expect(late.getBoundingClientRect().bottom).toBeLessThan(log.getBoundingClientRect().top);
    const anchor = messageElements(log).find((m) => m.getBoundingClientRect().top >= log.getBoundingClientRect().top)!;
    const before = anchor.getBoundingClientRect().top;

    grow.dispatchEvent(new Event('grow'));
    await until(() => expect(late.getBoundingClientRect().height).toBe(320));
    await settled(() => anchor.getBoundingClientRect().top);
    expect(Math.abs(anchor.getBoundingClientRect().top - before)).toBeLessThanOrEqual(0.5);
  });

  it('an image that loads after its row is on screen does not move the view: its box is reserved', async () => {
    const bytes = await png(320, 240);
    const messages: MockMessageInput[] = Array.from({ length: 40 }, (_, i) => ({ from: i % 2 ? 'ben' : 'cy', content: `message ${i}` }));
    messages.splice(30, 0, { from: 'ben', content: 'a photo', attachments: [{ name: 'photo.png', type: 'image/png', data: bytes }] });
    // Every answer, the image's bytes too, takes 1.5 s: the image arrives well after its row is laid out.
    const { log, mock, handle } = await render({ messages, latencyMs: 1500 });
    const photo = mock.messages('general')[30]!;
    expect(await handle.current!.scrollToMessage(photo.id)).toBe(true);
    const element = elementOf(log, photo.id)!;
    await settled(() => element.getBoundingClientRect().top);
    const image = element.querySelector<HTMLImageElement>('[data-natter="attachment-image"]')!;
    const anchor = messageElements(log).find((m) => m.getBoundingClientRect().top > element.getBoundingClientRect().bottom)!;
    expect(anchor.getBoundingClientRect().bottom).toBeLessThan(log.getBoundingClientRect().bottom);
    const before = anchor.getBoundingClientRect().top;
    const reserved = image.getBoundingClientRect().height;
    expect(image.complete && image.naturalWidth > 0).toBe(false);
    expect(reserved).toBeGreaterThan(100);

    await until(() => expect(image.complete && image.naturalWidth).toBe(320), 10_000);
    await settled(() => anchor.getBoundingClientRect().top);
    expect(image.getBoundingClientRect().height).toBe(reserved);
    expect(Math.abs(anchor.getBoundingClientRect().top - before)).toBeLessThanOrEqual(0.5);
  });
});

/** Scrolls up a little at a time until the growing content is in the DOM, and returns it. */
async function scrollUntilRendered(log: HTMLElement): Promise<HTMLElement> {
  for (let i = 0; i < 60; i++) {
    const found = log.querySelector<HTMLElement>('[data-testid="late"]');
    if (found) return found;
    await scrollListTo(log, Math.max(0, log.scrollTop - 150));
  }
  throw new Error('the growing row never rendered');
}
