import { screen } from '@testing-library/react';
import type { Attachment } from 'natter';
import { Message, MessageAttachments, MessageRoot } from 'natter/components';
import { describe, expect, it } from 'vitest';
import { BASE_URL } from '../../react/helpers';
import { chatMessage, installHookTest, offlineClient, ownMessage, renderWithClient } from '../helpers';

installHookTest();

const image: Attachment = { id: 'a-1', file_name: 'beach.png', content_type: 'image/png', size: 48_213, width: 640, height: 480, url: '/api/v1/files/a-1/beach.png?key=k1' };
const pdf: Attachment = { id: 'a-2', file_name: 'minutes.pdf', content_type: 'application/pdf', size: 1536, width: null, height: null, url: '/api/v1/files/a-2/minutes.pdf?key=k2' };

describe('MessageAttachments', () => {
  it('shows an image in a box reserved from its width and height, linked to the file on the server', () => {
    renderWithClient(offlineClient(), <Message message={chatMessage({ message_type: 'image', content: '', attachments: [image] })} />);
    const img = screen.getByRole('img', { name: 'beach.png' }) as HTMLImageElement;
    expect(img.getAttribute('width')).toBe('640');
    expect(img.getAttribute('height')).toBe('480');
    expect(img.style.aspectRatio).toBe('640 / 480');
    expect(img.getAttribute('src')).toBe(`${BASE_URL}/api/v1/files/a-1/beach.png?key=k1`);
    expect(img.closest('[data-natter="attachment"]')!.getAttribute('data-kind')).toBe('image');
    expect(screen.getByRole('link', { name: 'beach.png' }).getAttribute('href')).toBe(`${BASE_URL}/api/v1/files/a-1/beach.png?key=k1`);
    // A file message without a caption has no empty text paragraph.
    expect(document.querySelector('[data-natter="message-content"]')).toBeNull();
  });

  it('links any other file for download, with its name and size', () => {
    renderWithClient(offlineClient(), <Message message={chatMessage({ message_type: 'file', content: 'Notes attached', attachments: [pdf] })} />);
    const link = screen.getByRole('link', { name: /minutes\.pdf/ });
    expect(link.getAttribute('download')).toBe('minutes.pdf');
    expect(link.getAttribute('href')).toBe(`${BASE_URL}/api/v1/files/a-2/minutes.pdf?key=k2`);
    expect(link.textContent).toBe('minutes.pdf 1.5 KB');
    expect(link.closest('[data-natter="attachment"]')!.getAttribute('data-kind')).toBe('file');
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByText('Notes attached')).toBeTruthy();
  });

  it('shows an image type it cannot show inline (SVG) as a download, never as an image', () => {
    const svg: Attachment = { ...pdf, id: 'a-3', file_name: 'logo.svg', content_type: 'image/svg+xml' };
    renderWithClient(offlineClient(), <MessageRoot message={chatMessage({ attachments: [svg] })}><MessageAttachments /></MessageRoot>);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('link', { name: /logo\.svg/ }).getAttribute('download')).toBe('logo.svg');
  });

  it('gives no link for a URL that is not http(s) or a local preview', () => {
    const evil: Attachment = { ...pdf, url: 'javascript:alert(1)' };
    renderWithClient(offlineClient(), <MessageRoot message={chatMessage({ attachments: [evil] })}><MessageAttachments /></MessageRoot>);
    const anchor = document.querySelector('[data-natter="attachment-link"]')!;
    expect(anchor.hasAttribute('href')).toBe(false);
  });

  it('shows upload progress on a pending file message', () => {
    const local: Attachment = { ...image, url: 'blob:http://localhost/1234' };
    renderWithClient(offlineClient(), <MessageRoot message={ownMessage('pending', { attachments: [local], uploadProgress: 0.25 })}><MessageAttachments /></MessageRoot>);
    const list = document.querySelector('[data-natter="message-attachments"]')!;
    expect(list.getAttribute('data-uploading')).toBe('true');
    const progress = screen.getByRole('progressbar', { name: 'Uploading' }) as HTMLProgressElement;
    expect(progress.value).toBe(0.25);
    expect(screen.getByRole('img', { name: 'beach.png' }).getAttribute('src')).toBe('blob:http://localhost/1234');
  });

  it('shows nothing for a message without files, or a deleted one', () => {
    const { rerender } = renderWithClient(offlineClient(), <MessageRoot message={chatMessage({ attachments: [] })}><MessageAttachments /></MessageRoot>);
    expect(document.querySelector('[data-natter="message-attachments"]')).toBeNull();
    rerender(<MessageRoot message={chatMessage({ attachments: [image], deleted_at: '2026-11-24T10:00:00.000Z' })}><MessageAttachments /></MessageRoot>);
    expect(document.querySelector('[data-natter="message-attachments"]')).toBeNull();
  });
});
