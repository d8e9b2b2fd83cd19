import type { Attachment, Message } from 'natter';
import { formatPreview } from 'natter/components';
import { describe, expect, it } from 'vitest';
import { chatMessage } from '../helpers';

const file = (name: string): Attachment => ({ id: name, file_name: name, content_type: 'application/pdf', size: 10, width: null, height: null, url: `/f/${name}` });
const message = (overrides: Partial<Message>): Message => ({ ...chatMessage(), id: 'm-1', seq: 1, ...overrides }) as Message;

describe('formatPreview', () => {
  it('is empty without a last message', () => {
    expect(formatPreview(null)).toBe('');
  });

  it('shows the text on one line', () => {
    expect(formatPreview(message({ content: 'line one\n\n  line two ' }))).toBe('line one line two');
  });

  it('says "Message deleted" for a tombstone', () => {
    expect(formatPreview(message({ content: '', deleted_at: '2026-11-24T10:00:00.000Z' }))).toBe('Message deleted');
  });

  it('shows files with a paperclip: the caption, else the file names, else "file"', () => {
    expect(formatPreview(message({ message_type: 'file', content: 'the report', attachments: [file('q3.pdf')] }))).toBe('📎 the report');
    expect(formatPreview(message({ message_type: 'file', content: '', attachments: [file('a.pdf'), file('b.pdf')] }))).toBe('📎 a.pdf, b.pdf');
    expect(formatPreview(message({ message_type: 'image', content: '', attachments: [] }))).toBe('📎 file');
  });
});
