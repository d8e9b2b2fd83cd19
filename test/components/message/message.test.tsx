import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Message } from 'natter/components';
import { describe, expect, it, vi } from 'vitest';
import { ANA_ID, BEN_ID, chatMessage, installHookTest, offlineClient, ownMessage, renderWithClient } from '../helpers';

installHookTest();

const part = (name: string) => document.querySelector(`[data-natter="${name}"]`);

describe('Message', () => {
  it("composes sender, time, text and, for someone else's message, no status or retry", () => {
    renderWithClient(offlineClient(), <Message message={chatMessage({ content: 'Hi https://natter.dev' })} />);
    const article = document.querySelector('article')!;
    expect(article.getAttribute('data-own')).toBe('false');
    expect(part('message-sender')!.textContent).toBe('ben');
    expect(part('message-time')!.tagName).toBe('TIME');
    expect(part('message-content')!.textContent).toBe('Hi https://natter.dev');
    expect(screen.getByRole('link', { name: 'https://natter.dev' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    // Someone else's message: react, but neither edit nor delete (and no Reply without onReply).
    expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['React']);
  });

  it('shows your own message status, and a Retry button only when it failed', () => {
    const { rerender } = renderWithClient(offlineClient(), <Message message={ownMessage('pending')} />);
    expect(screen.getByRole('status').textContent).toBe('Sending…');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    rerender(<Message message={ownMessage('failed')} />);
    expect(screen.getByRole('status').textContent).toBe('Not sent: Server hiccup');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('drops the status once read: the read count says it', () => {
    renderWithClient(offlineClient(), <Message message={ownMessage('read')} />);
    expect(document.querySelector('article')!.getAttribute('data-status')).toBe('read');
    expect(screen.queryByRole('status')).toBeNull();
    expect(part('read-receipts')).not.toBeNull();
  });

  it('passes its props to the root', () => {
    renderWithClient(offlineClient(), <Message message={chatMessage()} className="highlight" aria-label="From ben" />);
    const article = screen.getByRole('article', { name: 'From ben' });
    expect(article.className).toBe('highlight');
  });

  it('offers Edit and Delete on your own messages, Reply when given onReply, all reachable by Tab', async () => {
    const onReply = vi.fn();
    const user = userEvent.setup();
    renderWithClient(offlineClient(), <Message message={ownMessage('sent', { content: 'Mine' })} onReply={onReply} />);
    const toolbar = screen.getByRole('toolbar', { name: 'Message actions' });
    expect([...toolbar.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Reply', 'React', 'Edit', 'Delete']);
    await user.tab();
    expect(document.activeElement!.textContent).toBe('Reply');
    await user.keyboard('{Enter}');
    expect(onReply).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ content: 'Mine' }));
    for (const name of ['React', 'Edit', 'Delete']) {
      await user.tab();
      expect(document.activeElement!.textContent).toBe(name);
    }
  });

  it('has no actions on a message the server has not confirmed', () => {
    renderWithClient(offlineClient(), <Message message={ownMessage('pending')} />);
    expect(screen.queryByRole('toolbar')).toBeNull();
  });

  it('shows a tombstone: "Message deleted", no files, reactions or edit mark, its replies kept, only Reply left', () => {
    const onOpenThread = vi.fn();
    const tombstone = chatMessage({
      content: '',
      deleted_at: '2026-11-24T10:00:00.000Z',
      edited_at: '2026-11-24T09:45:00.000Z',
      reactions: [],
      attachments: [],
      reply_count: 2,
    });
    renderWithClient(offlineClient(), <Message message={tombstone} onReply={() => undefined} onOpenThread={onOpenThread} />);
    const article = screen.getByRole('article');
    expect(article.getAttribute('data-deleted')).toBe('true');
    expect(article.hasAttribute('data-edited')).toBe(false);
    expect(part('message-content')!.textContent).toBe('Message deleted');
    expect(part('message-content')!.getAttribute('data-deleted')).toBe('true');
    expect(part('message-edited')).toBeNull();
    expect(screen.getByRole('button', { name: '2 replies' }).getAttribute('data-count')).toBe('2');
    expect([...screen.getByRole('toolbar').querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Reply']);
  });

  it('opens the thread from "N replies"', async () => {
    const onOpenThread = vi.fn();
    const message = chatMessage({ reply_count: 1, last_reply_at: '2026-11-24T09:40:00.000Z' });
    renderWithClient(offlineClient(), <Message message={message} onOpenThread={onOpenThread} />);
    await userEvent.click(screen.getByRole('button', { name: '1 reply' }));
    expect(onOpenThread).toHaveBeenCalledExactlyOnceWith(message);
  });

  it('shows reactions with their counts, yours marked data-reacted and aria-pressed', () => {
    const message = chatMessage({
      reactions: [
        { emoji: '👍', count: 2, user_ids: [BEN_ID, ANA_ID] },
        { emoji: '🎉', count: 1, user_ids: [BEN_ID] },
      ],
    });
    renderWithClient(offlineClient(), <Message message={message} />);
    const group = screen.getByRole('group', { name: 'Reactions' });
    const [thumbs, party] = [...group.querySelectorAll('button')];
    expect(thumbs!.getAttribute('data-reacted')).toBe('true');
    expect(thumbs!.getAttribute('aria-pressed')).toBe('true');
    expect(thumbs!.getAttribute('data-count')).toBe('2');
    expect(thumbs!.textContent).toBe('👍2');
    expect(thumbs!.getAttribute('aria-label')).toBe('👍 2 reactions, including yours');
    expect(party!.getAttribute('data-reacted')).toBe('false');
    expect(party!.getAttribute('aria-pressed')).toBe('false');
    expect(party!.getAttribute('aria-label')).toBe('🎉 1 reaction');
  });

  it('marks a message with an optimistic change waiting for the server', () => {
    renderWithClient(offlineClient(), <Message message={ownMessage('sent', { change: 'edit', edited_at: '2026-11-24T09:45:00.000Z' })} />);
    const article = screen.getByRole('article');
    expect(article.getAttribute('data-change')).toBe('edit');
    expect(article.getAttribute('aria-busy')).toBe('true');
    expect(part('message-edited')!.textContent).toBe('edited');
  });

  it('renders file names and text as text, never as HTML', () => {
    const html = '<img src=x onerror=alert(1)>';
    const message = chatMessage({
      content: `${html} <b>bold</b>`,
      attachments: [{ id: 'f', file_name: `${html}.pdf`, content_type: 'application/pdf', size: 10, width: null, height: null, url: '/api/v1/files/f/x.pdf?key=k' }],
    });
    renderWithClient(offlineClient(), <Message message={message} />);
    const article = screen.getByRole('article');
    expect(article.querySelector('img, b')).toBeNull();
    expect(part('message-content')!.textContent).toBe(`${html} <b>bold</b>`);
    expect(part('attachment-name')!.textContent).toBe(`${html}.pdf`);
  });
});
