import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_SLICE, type Message } from 'natter';
import { addPending, mergeMessages } from '../../../src/core/store/chat-slice';
import { addOptimistic, applyChange, applyCopies, settleOptimistic, type OptimisticOp } from '../../../src/core/store/message-changes';
import { mergeThreadPage } from '../../../src/core/store/threads';
import { historyMessage, message, user } from '../fixtures';
import { deepFreeze, expectSliceInvariants } from '../helpers/slice-invariants';

const ME = 'ana';
const op = (opId: string, kind: OptimisticOp['kind'], extra: Partial<OptimisticOp> = {}): OptimisticOp => ({
  opId,
  kind,
  userId: ME,
  at: '2026-03-01T00:00:00.000Z',
  ...extra,
});

describe('applyCopies', () => {
  it('applies a copy only when its rev is higher, in messages and in the thread, and keeps the row identity', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(1), message(2, { parent_message_id: 'm1' })], ME);
    slice = mergeThreadPage(slice, 'm1', { messages: [historyMessage(2, [], { parent_message_id: 'm1' })], has_more: false }, ME);
    deepFreeze(slice);
    expect(applyCopies(slice, [message(2, { parent_message_id: 'm1', content: 'same rev' })])).toBe(slice);
    expect(applyCopies(slice, [message(9)])).toBe(slice);
    const next = applyCopies(slice, [{ ...message(2, { parent_message_id: 'm1' }), content: 'edited', rev: 7 }]);
    expect(next.messages[1]).toMatchObject({ content: 'edited', rev: 7, key: 'm2' });
    expect(next.threads.m1!.replies[0]).toMatchObject({ content: 'edited', rev: 7 });
    expect(next.messages[0]).toBe(slice.messages[0]);
  });

  it('keeps a tombstone in place with its replies', () => {
    const slice = mergeMessages(EMPTY_SLICE, [message(1), message(2, { parent_message_id: 'm1' })], ME);
    const next = applyCopies(slice, [{ ...message(1), content: '', deleted_at: '2026-03-01T00:00:00.000Z', rev: 5 }]);
    expect(next.messages.map((m) => [m.id, m.content, m.deleted_at !== null])).toEqual([
      ['m1', '', true],
      ['m2', 'message 2', false],
    ]);
  });
});

describe('optimistic changes', () => {
  it('settling an unknown op, or adding to a message not held, returns the same slice', () => {
    const slice = deepFreeze(mergeMessages(EMPTY_SLICE, [message(1, { sender: user(ME) })], ME));
    expect(settleOptimistic(slice, 'nope')).toBe(slice);
    expect(addOptimistic(slice, 'm9', op('o1', 'edit', { content: 'x' }))).toBe(slice);
  });

  it('a confirmation from another user with the same client id does not settle mine', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(1, { sender: user(ME) })], ME);
    slice = addOptimistic(slice, 'm1', op('o1', 'edit', { content: 'mine' }));
    slice = applyChange(slice, { message: { ...message(1, { sender: user(ME) }), rev: 4 }, client_id: 'o1', user_id: 'bo', change: 'reaction' }, ME);
    expect(slice.messages[0]).toMatchObject({ content: 'mine', change: 'edit', rev: 4 });
  });

  it('pending rows are untouched by copies, and a reply of mine is in its thread too', () => {
    let slice = mergeMessages(EMPTY_SLICE, [message(1)], ME);
    slice = addPending(slice, { clientId: 'c-1', chatId: 'c1', sender: user(ME), content: 'r', parentMessageId: 'm1', now: 0 });
    expect(slice.threads.m1!.replies).toEqual([slice.messages[1]]);
    expect(slice.threads.m1!.hasOlder).toBeUndefined();
  });

  // Any interleaving of my changes, newer server copies and settlements: once every change is settled, the message
  // is exactly the newest server copy, as if nothing optimistic had happened; the slice keeps its invariants.
  it('property: settling every change leaves exactly the newest server copy', () => {
    const step = fc.oneof(
      fc.record({ t: fc.constant('edit' as const), content: fc.string({ minLength: 1, maxLength: 5 }) }),
      fc.record({ t: fc.constant('delete' as const) }),
      fc.record({ t: fc.constantFrom('add_reaction' as const, 'remove_reaction' as const), emoji: fc.constantFrom('👍', '🎉', '❤️') }),
      fc.record({ t: fc.constant('copy' as const), rev: fc.integer({ min: 0, max: 30 }), emoji: fc.constantFrom('👍', '🎉'), who: fc.constantFrom(ME, 'bo') }),
      fc.record({ t: fc.constant('settle' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
        const base = message(1, { sender: user(ME), rev: 1 });
        let slice = deepFreeze(mergeMessages(EMPTY_SLICE, [base], ME));
        let newest: Message = base;
        const open: string[] = [];
        steps.forEach((s, index) => {
          if (s.t === 'copy') {
            const copy: Message = { ...base, content: `v${s.rev}`, rev: s.rev, reactions: [{ emoji: s.emoji, count: 1, user_ids: [s.who] }] };
            if (s.rev > (newest.rev ?? 0)) newest = copy;
            slice = deepFreeze(applyCopies(slice, [copy]));
          } else if (s.t === 'settle') {
            if (open.length === 0) return;
            const [opId] = open.splice(s.pick % open.length, 1);
            slice = deepFreeze(settleOptimistic(slice, opId!));
          } else {
            const opId = `o${index}`;
            slice = deepFreeze(addOptimistic(slice, 'm1', op(opId, s.t, s.t === 'edit' ? { content: s.content } : 'emoji' in s ? { emoji: s.emoji } : {})));
            open.push(opId);
            expect(slice.messages[0]!.change).not.toBeNull();
          }
          expectSliceInvariants(slice, ME);
        });
        for (const opId of open) slice = settleOptimistic(slice, opId);
        const held = slice.messages[0]!;
        expect(held).toMatchObject({ content: newest.content, rev: newest.rev, reactions: newest.reactions, deleted_at: null, edited_at: null, change: null });
        expect(slice.optimistic).toEqual({});
      }),
      { numRuns: 300 },
    );
  });
});
