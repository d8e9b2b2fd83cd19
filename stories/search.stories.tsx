import type { Meta, StoryObj } from '@storybook/react-vite';
import type { HistoryMessage } from 'natter';
import { MessageList, SearchPanel } from 'natter/components';
import { useState } from 'react';
import { expect, userEvent, waitFor } from 'storybook/test';
import { CHAT_ID, natterOf, type NatterParameters } from './support/natter';

/** Search beside the chat: choosing a result makes the list jump to it. */
function SearchAndChat({ limit }: { limit?: number }) {
  const [target, setTarget] = useState<HistoryMessage | null>(null);
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '20rem minmax(0, 36rem)', gap: '1rem', alignItems: 'start' }}>
      <SearchPanel chatId={CHAT_ID} limit={limit} onSelect={setTarget} style={{ maxHeight: '32rem' }} />
      <section className="story-chat" aria-label="Chat general">
        <MessageList chatId={CHAT_ID} highlightMessageId={target?.id ?? null} />
      </section>
    </div>
  );
}

/**
 * `SearchPanel`: full-text search in a chat (debounced while you type), the matched words in `<mark>` (the text is
 * always text, never HTML), "Load more", arrow keys and Enter. With `MessageList`'s `highlightMessageId`, choosing a
 * result loads its place in the history, scrolls to it and highlights it (`data-highlighted`).
 */
const meta = {
  title: 'Components/SearchPanel',
  component: SearchPanel,
  args: { chatId: CHAT_ID },
  render: () => <SearchAndChat limit={10} />,
  parameters: { natter: { messages: 150 } satisfies NatterParameters },
} satisfies Meta<typeof SearchPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

const options = (canvasElement: HTMLElement) => [...canvasElement.querySelectorAll<HTMLElement>('[role="option"]')];

/** A burst of keystrokes is one request; the results mark what matched. */
export const Debounced: Story = {
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const { client } = natterOf(context);
    const queries: string[] = [];
    const search = client.rest.search;
    client.rest.search = (chatId, q, query) => {
      queries.push(q);
      return search(chatId, q, query);
    };
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search messages' }), 'deploy');
    await waitFor(() => expect(options(canvasElement)).toHaveLength(10));
    await expect(queries).toEqual(['deploy']);
    await waitFor(() => expect(canvas.getByText('10+ results')).toBeVisible());
    const marks = [...canvasElement.querySelectorAll('[role="option"] mark')];
    await expect(marks.length).toBe(10);
    for (const mark of marks) await expect(mark.textContent?.toLowerCase()).toBe('deploy');
  },
};

/** Markup in a message is shown as text: only the matched word is marked. */
export const TextNotHtml: Story = {
  parameters: { natter: { messages: [{ from: 'Ana', content: 'Is <img src=x onerror=alert(1)> a valid <b>deploy</b> note?' }] } satisfies NatterParameters },
  play: async ({ canvas, canvasElement }) => {
    await userEvent.type(canvas.getByRole('searchbox'), 'deploy');
    await waitFor(() => expect(options(canvasElement)).toHaveLength(1));
    const [result] = options(canvasElement);
    await expect(result!.querySelector('img, b')).toBeNull();
    await expect(result!.querySelector('[data-natter="search-result-content"]')).toHaveTextContent('Is <img src=x onerror=alert(1)> a valid <b>deploy</b> note?');
    await expect([...result!.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['deploy']);
  },
};

/** Load more, pick an old result with the keyboard: the list loads back to it, scrolls there and highlights it. */
export const JumpToResult: Story = {
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const { mock } = natterOf(context);
    const box = canvas.getByRole('searchbox');
    await userEvent.type(box, 'deploy');
    await waitFor(() => expect(options(canvasElement)).toHaveLength(10));
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(options(canvasElement).length).toBeGreaterThan(10));
    const count = options(canvasElement).length;
    box.focus();
    // ArrowUp from nothing chosen goes to the last (oldest) result.
    await userEvent.keyboard('{ArrowUp}');
    const oldest = options(canvasElement)[count - 1]!;
    await expect(oldest).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', oldest.id);
    await userEvent.keyboard('{Enter}');
    const id = oldest.dataset.messageId!;
    const log = canvas.getByRole('log', { name: 'Messages' });
    const row = await waitFor(() => {
      const found = log.querySelector<HTMLElement>(`[data-message-id="${id}"]`);
      expect(found).toHaveAttribute('data-highlighted', 'true');
      return found!;
    }, { timeout: 5000 });
    await expect(row).toHaveTextContent(mock.messages(CHAT_ID).find((m) => m.id === id)!.content);
    await waitFor(() => {
      const box = row.getBoundingClientRect();
      const view = log.getBoundingClientRect();
      expect(box.top).toBeGreaterThanOrEqual(view.top - 1);
      expect(box.bottom).toBeLessThanOrEqual(view.bottom + 1);
    });
    await expect(row).toHaveFocus();
  },
};

/** Nothing matches: the status says so. */
export const NoResults: Story = {
  play: async ({ canvas }) => {
    await userEvent.type(canvas.getByRole('searchbox'), 'xylophone');
    await waitFor(() => expect(canvas.getByText('No messages match “xylophone”')).toBeVisible());
  },
};
