import { describe, expect, it } from 'vitest';
import { audit, compactRange, type AuditInput, type HeldMessage, type StoredMessage } from './audit';

/** Two users, one chat of both; u0 sent a, b, c (seqs 1–3), u1 sent d (seq 4). */
function world() {
  const userIds = ['U0', 'U1'];
  const sent = [
    { clientId: 'a', user: 0, chat: 0, content: 'A', at: 1 },
    { clientId: 'b', user: 0, chat: 0, content: 'B', at: 2 },
    { clientId: 'c', user: 0, chat: 0, content: 'C', at: 3 },
    { clientId: 'd', user: 1, chat: 0, content: 'D', at: 4 },
  ];
  const history: StoredMessage[] = sent.map((s, i) => ({ id: `m${i + 1}`, seq: i + 1, sender_id: userIds[s.user]!, client_id: s.clientId, content: s.content }));
  const held = (): HeldMessage[] => history.map((m) => ({ ...m, status: 'sent', error: null }));
  const stores: HeldMessage[][] = [held(), held()];
  const input = (): AuditInput => ({ userIds, members: [[0, 1]], sent, histories: [history], store: (user) => stores[user]! });
  return { history, stores, input };
}

describe('the fault suite’s audit', () => {
  it('finds nothing wrong when every store equals the server', () => {
    const { input } = world();
    expect(audit(input())).toMatchObject({ lost: 0, duplicated: 0, misordered: 0, stuck: 0, problems: [] });
  });

  it('counts a message missing from one store as lost, and points at it', () => {
    const { stores, input } = world();
    stores[1]!.splice(1, 1);
    const result = audit(input());
    expect(result).toMatchObject({ lost: 1, duplicated: 0, misordered: 0, stuck: 0 });
    expect(result.problems).toEqual(["u1 c0: missing u0's message b (seq 2)"]);
    expect(result.focus).toEqual([{ user: 1, chat: 0, clientId: 'b', seq: 2 }]);
  });

  it('counts a message the server never stored once for the server and once per member', () => {
    const { history, stores, input } = world();
    history.pop();
    for (const store of stores) store.pop();
    expect(audit(input())).toMatchObject({ lost: 3, duplicated: 0, misordered: 0 });
  });

  it('counts a second confirmed copy, and a pending copy beside the confirmed one, as duplicates', () => {
    const { stores, input } = world();
    stores[0]!.push({ ...stores[0]![2]!, seq: null, id: null, status: 'pending' });
    stores[1]!.splice(2, 0, { ...stores[1]![2]! });
    const result = audit(input());
    expect(result.duplicated).toBe(2);
    // The pending copy is also stuck; the repeated seq is also out of order.
    expect(result.stuck).toBe(1);
    expect(result.misordered).toBe(1);
  });

  it('counts a client_id stored twice by the server as a duplicate', () => {
    const { history, input } = world();
    history.push({ ...history[0]!, id: 'm5', seq: 5 });
    expect(audit(input())).toMatchObject({ duplicated: 1 });
  });

  it('counts swapped messages and seqs that disagree with the server as misordered', () => {
    const { stores, input } = world();
    const store = stores[0]!;
    [store[1], store[2]] = [store[2]!, store[1]!];
    stores[1]![3] = { ...stores[1]![3]!, seq: 9 };
    const result = audit(input());
    expect(result.lost).toBe(0);
    expect(result.misordered).toBe(2);
    expect(result.problems).toEqual(['u0 c0: seq 2 after seq 3', 'u1 c0: message m4 has seq 9, the server says 4']);
  });

  it('counts a server history with a hole as misordered', () => {
    const { history, input } = world();
    history[3] = { ...history[3]!, seq: 5 };
    expect(audit(input()).misordered).toBeGreaterThan(0);
  });

  it('reports a failed message as stuck, with its error', () => {
    const { stores, history, input } = world();
    history.pop();
    stores[1]![3] = { ...stores[1]![3]!, seq: null, id: null, status: 'failed', error: { code: 'timeout', message: 'No answer' } };
    stores[0]!.pop();
    const result = audit(input());
    expect(result.stuck).toBe(1);
    expect(result.problems).toContain('u1 c0: message d still failed (timeout: No answer)');
  });

  it('reports content the server changed and messages nobody sent', () => {
    const { history, input } = world();
    history[0] = { ...history[0]!, content: 'tampered' };
    history.push({ id: 'm5', seq: 5, sender_id: 'U1', client_id: 'ghost', content: '?' });
    const result = audit(input());
    expect(result.problems).toEqual([
      'server c0: seq 1 holds content that differs from what u0 sent',
      'server c0: seq 5 (client_id ghost) was never sent by that sender to that chat',
    ]);
  });

  it('writes seq lists compactly', () => {
    expect(compactRange([1, 2, 3, 5, 7, 8])).toBe('1-3,5,7-8');
    expect(compactRange([])).toBe('(none)');
  });
});
