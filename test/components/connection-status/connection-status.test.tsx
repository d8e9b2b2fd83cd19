import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ChatClientOptions } from 'natter';
import { ConnectionStatus, type ConnectionStatusProps } from 'natter/components';
import { useChat } from 'natter/react';
import type { MockChatServer } from 'natter/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, installHookTest, renderWithClient, settle } from '../helpers';

const { startMock, clientFor } = installHookTest();

function Join({ chatId }: { chatId: string }) {
  useChat(chatId);
  return null;
}

let observers: MutationObserver[] = [];
afterEach(() => {
  for (const observer of observers.splice(0)) observer.disconnect();
});

/** Every value `data-status` takes on `element`, from now on (consecutive repeats dropped). */
function recordStatuses(element: Element): string[] {
  const seen = [element.getAttribute('data-status')!];
  const observer = new MutationObserver(() => {
    const status = element.getAttribute('data-status')!;
    if (seen.at(-1) !== status) seen.push(status);
  });
  observer.observe(element, { attributes: true, attributeFilter: ['data-status'] });
  observers.push(observer);
  return seen;
}

/** Ana's `general` socket, its status line rendered before anything joins. */
function setup(options: { props?: Partial<ConnectionStatusProps>; client?: Partial<ChatClientOptions>; before?: (mock: MockChatServer) => void } = {}) {
  const mock = startMock();
  const chatId = mock.chat('general').id;
  options.before?.(mock);
  const client = clientFor(mock, 'ana', { backoff: { initialMs: 60, jitter: 'none' }, ...options.client });
  renderWithClient(
    client,
    <>
      <ConnectionStatus socketKey={chatId} {...options.props} />
      <Join chatId={chatId} />
    </>,
  );
  const status = screen.getByRole('status');
  return { mock, chatId, client, status, user: userEvent.setup() };
}

describe('ConnectionStatus', () => {
  it('goes connecting → open → reconnecting → open, saying so, and is empty while open', async () => {
    const mock = startMock();
    const chatId = mock.chat('general').id;
    const client = clientFor(mock, 'ana', { backoff: { initialMs: 60, jitter: 'none' } });
    const view = renderWithClient(client, <ConnectionStatus socketKey={chatId} />);
    const status = screen.getByRole('status');
    expect(status.getAttribute('data-status')).toBe('idle');
    expect(status.getAttribute('aria-live')).toBe('polite');
    const seen = recordStatuses(status);
    const texts: string[] = [];
    const textObserver = new MutationObserver(() => texts.push(status.textContent ?? ''));
    textObserver.observe(status, { childList: true, subtree: true, characterData: true });
    observers.push(textObserver);

    view.rerender(
      <>
        <ConnectionStatus socketKey={chatId} />
        <Join chatId={chatId} />
      </>,
    );
    await eventually(() => expect(status.getAttribute('data-status')).toBe('open'));
    expect(status.textContent).toBe('');
    act(() => {
      mock.dropConnections({ chatId: 'general' });
    });
    await eventually(() => expect(status.getAttribute('data-status')).toBe('reconnecting'));
    expect(status.textContent).toBe('Connection lost. Reconnecting…');
    expect(screen.queryByRole('button')).toBeNull();
    await eventually(() => expect(status.getAttribute('data-status')).toBe('open'));
    expect(status.textContent).toBe('');
    expect(seen).toEqual(['idle', 'connecting', 'open', 'reconnecting', 'open']);
    expect(texts).toContain('Connecting…');
  });

  it('uses your labels over the defaults', async () => {
    const { mock, status } = setup({ props: { labels: { reconnecting: 'Hang on…', open: 'Live' } } });
    await eventually(() => expect(status.textContent).toBe('Live'));
    act(() => {
      mock.dropConnections();
    });
    await eventually(() => expect(status.textContent).toBe('Hang on…'));
    await eventually(() => expect(status.textContent).toBe('Live'));
  });

  it('says the session expired when the token is refused twice (4001), and Reconnect tries once more', async () => {
    const { mock, status, user } = setup({ before: (m) => m.refuseNextConnections(4001, 2) });
    await eventually(() => expect(status.getAttribute('data-status')).toBe('unauthorized'));
    expect(status.textContent).toBe('Your session has expired. Please sign in again.Reconnect');
    expect(mock.connectionsTo({ chatId: 'general' })).toHaveLength(2);
    // No retries on its own; the app may have renewed the token by the time the user asks.
    await user.click(screen.getByRole('button', { name: 'Reconnect' }));
    await eventually(() => expect(status.getAttribute('data-status')).toBe('open'));
    expect(mock.connectionsTo({ chatId: 'general' })).toHaveLength(3);
  });

  it('offers Reconnect once the client gave up (failed), and reconnects with it', async () => {
    const { mock, status, user } = setup({ client: { backoff: { initialMs: 20, jitter: 'none', maxAttempts: 1 } } });
    await eventually(() => expect(status.getAttribute('data-status')).toBe('open'));
    mock.refuseNextConnections(1011, 1);
    act(() => {
      mock.dropConnections();
    });
    await eventually(() => expect(status.getAttribute('data-status')).toBe('failed'));
    expect(status.textContent).toBe('Could not reconnect.Reconnect');
    const button = screen.getByRole('button', { name: 'Reconnect' });
    await settle(60);
    expect(mock.connectionsTo({ chatId: 'general' })).toHaveLength(2);
    await user.click(button);
    await eventually(() => expect(status.getAttribute('data-status')).toBe('open'));
    expect(screen.queryByRole('button', { name: 'Reconnect' })).toBeNull();
    expect(mock.connectionsTo({ chatId: 'general' })).toHaveLength(3);
  });

  it('offers Reconnect after a refused socket (closed), and reconnects with it', async () => {
    const { mock, status, user } = setup({ before: (m) => m.refuseNextConnections(4003, 1) });
    await eventually(() => expect(status.getAttribute('data-status')).toBe('closed'));
    expect(status.textContent).toBe('Disconnected.Reconnect');
    await user.click(screen.getByRole('button', { name: 'Reconnect' }));
    await eventually(() => expect(status.getAttribute('data-status')).toBe('open'));
    expect(mock.openSockets({ chatId: 'general' })).toHaveLength(1);
  });

  it('without socketKey, shows the socket that needs attention most', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'] }, { name: 'team', members: ['ana', 'cy'] }] });
    const client = clientFor(mock, 'ana', { backoff: { initialMs: 60, jitter: 'none' } });
    renderWithClient(
      client,
      <>
        <ConnectionStatus />
        <Join chatId={mock.chat('general').id} />
        <Join chatId={mock.chat('team').id} />
      </>,
    );
    const status = screen.getByRole('status');
    await eventually(() => expect(status.getAttribute('data-status')).toBe('open'));
    await eventually(() => expect(mock.openSockets()).toHaveLength(2));
    act(() => {
      mock.dropConnections({ chatId: 'team' });
    });
    await eventually(() => expect(status.getAttribute('data-status')).toBe('reconnecting'));
    expect(client.getConnection(mock.chat('general').id)?.status).toBe('open');
    await eventually(() => expect(status.getAttribute('data-status')).toBe('open'));
  });
});
