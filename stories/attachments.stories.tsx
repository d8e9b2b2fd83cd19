import type { Meta, StoryObj } from '@storybook/react-vite';
import { MessageComposer, MessageList } from 'natter/components';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { CHAT_ID, connected, natterOf, type NatterParameters } from './support/natter';

/**
 * Files in messages (`MessageAttachments`): images inline in a box reserved from their width × height before they
 * load, other files as download links with name and size; the composer's Attach button sends files, showing the
 * upload's progress on the pending message.
 */
const meta = {
  title: 'Components/Attachments',
  render: () => (
    <div className="story-chat">
      <MessageList chatId={CHAT_ID} />
      <MessageComposer chatId={CHAT_ID} />
    </div>
  ),
  parameters: { natter: {} satisfies NatterParameters },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

const articleOf = (node: HTMLElement) => node.closest('article') as HTMLElement;

/**
 * A 1200×800 photo, served slowly: before a byte of it arrives its box already has the photo's shape, so the text
 * under it does not move when it loads.
 */
export const ImageReservesItsBox: Story = {
  parameters: {
    natter: {
      latencyMs: 400,
      messages: [
        { from: 'Ana', content: 'The view from the offsite venue', attachments: [{ name: 'venue.png', type: 'image/png', width: 1200, height: 800 }] },
        { from: 'Bo', content: 'Wow.' },
      ],
    } satisfies NatterParameters,
  },
  play: async ({ canvas }) => {
    const img = (await canvas.findByRole('img', { name: 'venue.png' })) as HTMLImageElement;
    const below = canvas.getByText('Wow.');
    await expect(img).toHaveAttribute('width', '1200');
    await expect(img).toHaveAttribute('height', '800');
    await expect(img.closest('[data-natter="attachment"]')).toHaveAttribute('data-kind', 'image');
    // Not loaded yet (the server is slow), and already the photo's shape.
    await expect(img.complete && img.naturalWidth > 0).toBe(false);
    const before = img.getBoundingClientRect();
    // Positions within the list (not the viewport: the list may scroll meanwhile).
    const offset = () => below.getBoundingClientRect().top - articleOf(img).getBoundingClientRect().top;
    const belowBefore = offset();
    await expect(before.height).toBeGreaterThan(50);
    await expect(before.width / before.height).toBeCloseTo(1.5, 1);
    await waitFor(() => expect(img.complete && img.naturalWidth).toBe(1200), { timeout: 5000 });
    const after = img.getBoundingClientRect();
    await expect(after.height).toBeCloseTo(before.height, 0);
    await expect(offset()).toBeCloseTo(belowBefore, 0);
    // Never wider than its bubble.
    await expect(after.width).toBeLessThanOrEqual(articleOf(img).getBoundingClientRect().width);
  },
};

/** Any other file is a download link (`download` attribute) with its name and size; names are text, never HTML. */
export const FileDownloadLinks: Story = {
  parameters: {
    natter: {
      messages: [
        { from: 'Ana', content: 'Minutes from today', attachments: [{ name: 'minutes.pdf', type: 'application/pdf', data: '%PDF-1.7 minutes' }] },
        { from: 'Bo', content: '', attachments: [{ name: '<img src=x onerror=alert(1)>.txt', type: 'text/plain', data: 'hello' }] },
      ],
    } satisfies NatterParameters,
  },
  play: async ({ canvas }) => {
    const link = await canvas.findByRole('link', { name: /minutes\.pdf/ });
    await expect(link).toHaveAttribute('download', 'minutes.pdf');
    await expect(link).toHaveAttribute('href', expect.stringMatching(/^http:\/\/chat\.natter\.test\/api\/v1\/files\/.+\/minutes\.pdf\?key=/));
    await expect(link).toHaveTextContent('minutes.pdf 16 B');
    await expect(link.closest('[data-natter="attachment"]')).toHaveAttribute('data-kind', 'file');
    const html = await canvas.findByText('<img src=x onerror=alert(1)>.txt');
    await expect(articleOf(html).querySelector('img')).toBeNull();
    await expect(html.closest('a')).toHaveAttribute('download', '<img src=x onerror=alert(1)>.txt');
  },
};

/** Attach a file with a caption typed: the message shows at once with the upload's progress, then as sent. */
export const AttachWithProgress: Story = {
  parameters: { natter: { messages: [{ from: 'Ana', content: 'Can someone send the budget?' }] } satisfies NatterParameters },
  play: async (context) => {
    const { canvas, canvasElement } = context;
    const fixture = natterOf(context);
    await connected(fixture);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Here it is');
    const input = canvasElement.querySelector<HTMLInputElement>('input[type="file"]')!;
    fixture.mock.setLatency(600);
    await userEvent.upload(input, new File(['quarter,amount\nQ1,100\nQ2,120\n'], 'budget.csv', { type: 'text/csv' }));
    const caption = await canvas.findByText('Here it is');
    const article = articleOf(caption);
    await expect(article).toHaveAttribute('data-status', 'pending');
    await expect(article.querySelector('[data-natter="message-attachments"]')).toHaveAttribute('data-uploading', 'true');
    await waitFor(() => expect(within(article).getByRole('progressbar', { name: 'Uploading' })).toBeVisible());
    fixture.mock.setLatency(0);
    await waitFor(() => expect(article).toHaveAttribute('data-status', expect.stringMatching(/^(sent|delivered)$/)), { timeout: 5000 });
    await expect(within(article).queryByRole('progressbar')).toBeNull();
    const link = within(article).getByRole('link', { name: /budget\.csv/ });
    await expect(link).toHaveAttribute('download', 'budget.csv');
    await expect(link).toHaveTextContent('budget.csv 29 B');
    await expect(fixture.mock.messages(CHAT_ID).at(-1)).toMatchObject({ content: 'Here it is', message_type: 'file', attachments: [expect.objectContaining({ file_name: 'budget.csv', size: 29 })] });
  },
};
