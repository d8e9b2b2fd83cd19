// @vitest-environment node
// The reference server's JWT library refuses jsdom's realm (its Uint8Array), so these run in Node.
import { describe } from 'vitest';
import { installParity, twoInAChat } from './parity-harness';

const { parity } = installParity();

describe('parity: history paging, search, presence', () => {
  parity('before/after/around paging with has_more at exact page boundaries', async (w) => {
    const t = await twoInAChat(w);
    for (let i = 1; i <= 10; i += 1) t.anaChat.send({ type: 'send_message', data: { content: `message number ${i}` } });
    await w.quiet();
    const queries = [
      '',
      '?limit=10',
      '?limit=9',
      '?limit=11',
      '?limit=5',
      '?before=6&limit=5',
      '?before=6&limit=4',
      '?before=1',
      '?before=11&limit=10',
      '?after=0&limit=10',
      '?after=0&limit=9',
      '?after=5&limit=5',
      '?after=5&limit=4',
      '?after=10',
      '?after=2&before=6',
      '?after=2&before=6&limit=2',
      '?around=5&limit=3',
      '?around=5&limit=4',
      '?around=1&limit=3',
      '?around=10&limit=3',
      '?around=11&limit=3',
      '?around=0&limit=3',
      '?around=5&limit=10',
      '?changed_after=0&limit=4',
      '?changed_after=8',
      '?before=0',
    ];
    const out: Record<string, unknown> = {};
    for (const q of queries) {
      const { status, body } = await w.rest(`/api/v1/chats/${t.chatId}/messages${q}`, { token: t.ben.access_token });
      out[q] = { status, seqs: body.messages?.map((m: { seq: number }) => m.seq), has_more: body.has_more, has_newer: body.has_newer, last_rev: body.last_rev };
    }
    out.full = await w.rest(`/api/v1/chats/${t.chatId}/messages?limit=2`, { token: t.ben.access_token });
    return out;
  });

  parity('search: prefixes, every word, newest first, highlights, paging, deleted messages left out', async (w) => {
    const t = await twoInAChat(w);
    for (const content of ['Deploy the rocket', 'rocket science is hard', 'the deployment went fine', 'Rocket-powered déjà vu', 'nothing here', 'ROCKETS and more rockets']) {
      t.anaChat.send({ type: 'send_message', data: { content } });
    }
    await w.quiet();
    const ids = t.since().anaChat.filter((f) => f.type === 'new_message').map((f) => f.data.id);
    t.anaChat.send({ type: 'delete_message', data: { message_id: ids[4] } });
    t.anaChat.send({ type: 'edit_message', data: { message_id: ids[4 - 3], content: 'rocket edited' } });
    await w.quiet();
    const out: Record<string, unknown> = {};
    for (const q of ['rock', 'deploy', 'the rock', 'rocket-powered', 'déjà', 'DEJA', '"rocket"', 'rocket*', '!!!', 'nothing', 'rock&limit=2', 'rock&limit=2&offset=2', 'rock&offset=4', 'zzz']) {
      const { status, body } = await w.rest(`/api/v1/chats/${t.chatId}/search?q=${q.includes('&') ? q.replace(/^([^&]*)/, (m) => encodeURIComponent(m)) : encodeURIComponent(q)}`, { token: t.ben.access_token });
      out[q] = { status, results: body.results?.map((r: any) => ({ content: r.message.content, highlights: r.highlights })), has_more: body.has_more };
    }
    return out;
  });

  parity('presence: away, back online, offline on close, last socket decides', async (w) => {
    const t = await twoInAChat(w);
    const out: Record<string, unknown> = {};
    t.benChat.send({ type: 'set_presence', data: { status: 'away' } });
    await w.quiet();
    out.benChatAway = t.since();
    t.benHome.send({ type: 'set_presence', data: { status: 'away' } });
    await w.quiet();
    out.benAllAway = t.since();
    t.benHome.send({ type: 'set_presence', data: { status: 'online' } });
    await w.quiet();
    out.benBack = t.since();
    t.benHome.close();
    await w.quiet();
    out.homeClosed = t.since();
    t.benChat.close();
    await w.quiet();
    out.allClosed = t.since();
    return out;
  });
});
