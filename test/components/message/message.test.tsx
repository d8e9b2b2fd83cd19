import { screen } from '@testing-library/react';
import { Message } from 'natter/components';
import { describe, expect, it } from 'vitest';
import { chatMessage, installHookTest, offlineClient, ownMessage, renderWithClient } from '../helpers';

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
    expect(screen.queryByRole('button')).toBeNull();
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
});
