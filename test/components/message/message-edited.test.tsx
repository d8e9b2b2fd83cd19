import { MessageEdited, MessageRoot } from 'natter/components';
import { describe, expect, it } from 'vitest';
import { chatMessage, installHookTest, offlineClient, renderWithClient } from '../helpers';

installHookTest();

const mark = () => document.querySelector('[data-natter="message-edited"]');

describe('MessageEdited', () => {
  it('marks an edited message with a <time> of the edit, and the root with data-edited', () => {
    const editedAt = '2026-11-24T10:05:00.000Z';
    renderWithClient(offlineClient(), <MessageRoot message={chatMessage({ edited_at: editedAt })}><MessageEdited /></MessageRoot>);
    expect(mark()!.tagName).toBe('TIME');
    expect(mark()!.getAttribute('datetime')).toBe(editedAt);
    expect(mark()!.getAttribute('title')).toBe(`Edited ${new Date(editedAt).toLocaleString()}`);
    expect(mark()!.textContent).toBe('edited');
    expect(mark()!.getAttribute('data-edited')).toBe('true');
    expect(document.querySelector('article')!.getAttribute('data-edited')).toBe('true');
  });

  it('shows nothing for an unedited message, or a deleted one', () => {
    const { rerender } = renderWithClient(offlineClient(), <MessageRoot message={chatMessage({ edited_at: null })}><MessageEdited /></MessageRoot>);
    expect(mark()).toBeNull();
    expect(document.querySelector('article')!.hasAttribute('data-edited')).toBe(false);
    rerender(<MessageRoot message={chatMessage({ edited_at: '2026-11-24T10:05:00.000Z', deleted_at: '2026-11-24T10:06:00.000Z', content: '' })}><MessageEdited /></MessageRoot>);
    expect(mark()).toBeNull();
  });

  it('takes its own label and props, and renders as the child with asChild', () => {
    renderWithClient(
      offlineClient(),
      <MessageRoot message={chatMessage({ edited_at: '2026-11-24T10:05:00.000Z' })}>
        <MessageEdited label="(modifié)" className="mine" />
        <MessageEdited asChild>
          <small />
        </MessageEdited>
      </MessageRoot>,
    );
    const [time, small] = document.querySelectorAll('[data-natter="message-edited"]');
    expect(time!.textContent).toBe('(modifié)');
    expect(time!.className).toBe('mine');
    expect(small!.tagName).toBe('SMALL');
    expect(small!.textContent).toBe('edited');
  });
});
