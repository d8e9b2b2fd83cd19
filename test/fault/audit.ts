/**
 * The fault suite's verdict, as a pure function so it can be tested on its own (audit.test.ts): given what every
 * client sent, what the server stored and what every member's store holds, count what was lost, duplicated and
 * misordered, and say exactly where.
 */

/** A message as the server's history returns it (only the fields the audit reads). */
export interface StoredMessage {
  id: string;
  seq: number;
  sender_id: string;
  client_id: string | null;
  content: string;
}

/** A message as a client's store holds it (`seq` null while pending or failed). */
export interface HeldMessage {
  id: string | null;
  seq: number | null;
  sender_id: string;
  client_id: string | null;
  status: string;
  error?: { code: string; message: string } | null;
}

export interface SentMessage {
  clientId: string;
  /** Index of the sending user. */
  user: number;
  /** Index of the chat. */
  chat: number;
  content: string;
  /** ms into the run, for reports. */
  at: number;
}

export interface AuditInput {
  /** User ids by user index. */
  userIds: readonly string[];
  /** Member user indices, by chat index. */
  members: readonly (readonly number[])[];
  sent: readonly SentMessage[];
  /** The server's full history, by chat index, ascending. */
  histories: readonly (readonly StoredMessage[])[];
  /** What user `user`'s client holds for chat `chat`, in store order. */
  store: (user: number, chat: number) => readonly HeldMessage[];
}

/** Where to look in the frame log for a problem. */
export interface Focus {
  user: number;
  chat: number;
  clientId?: string;
  seq?: number;
}

export interface AuditResult {
  /** (message, store) pairs where a sent message is missing; the server's history counts as one more store. */
  lost: number;
  /** Extra copies of a message in a store (confirmed, or pending beside its confirmed copy), or on the server. */
  duplicated: number;
  /** Out-of-order positions: a seq not above the previous one, a seq that differs from the server's, a server seq off its position. */
  misordered: number;
  /** The sender's own messages left `pending` or `failed`. */
  stuck: number;
  /** One line per finding. */
  problems: string[];
  focus: Focus[];
}

export function audit(input: AuditInput): AuditResult {
  const { userIds, members, sent, histories, store } = input;
  const result: AuditResult = { lost: 0, duplicated: 0, misordered: 0, stuck: 0, problems: [], focus: [] };
  const problem = (text: string, focus?: Focus) => {
    result.problems.push(text);
    if (focus) result.focus.push(focus);
  };
  const keyOf = (m: { sender_id: string; client_id: string | null }) => `${m.sender_id}/${m.client_id}`;
  const sentKey = (s: SentMessage) => `${userIds[s.user]}/${s.clientId}`;
  const sentByKey = new Map(sent.map((s) => [sentKey(s), s]));

  // The server: seqs 1..n in place, each (sender, client_id) once, nothing nobody sent, content intact.
  histories.forEach((history, chat) => {
    const copies = new Map<string, number>();
    history.forEach((m, i) => {
      if (m.seq !== i + 1) {
        result.misordered += 1;
        problem(`server c${chat}: position ${i} holds seq ${m.seq}`);
      }
      copies.set(keyOf(m), (copies.get(keyOf(m)) ?? 0) + 1);
      const s = sentByKey.get(keyOf(m));
      if (!s || s.chat !== chat) problem(`server c${chat}: seq ${m.seq} (client_id ${m.client_id}) was never sent by that sender to that chat`);
      else if (s.content !== m.content) problem(`server c${chat}: seq ${m.seq} holds content that differs from what u${s.user} sent`);
    });
    for (const [key, n] of copies) {
      if (n > 1) {
        result.duplicated += n - 1;
        problem(`server c${chat}: ${key} stored ${n} times`);
      }
    }
  });

  // Every sent message: once on the server, once in every member's store.
  for (const s of sent) {
    const key = sentKey(s);
    const stored = histories[s.chat]!.find((m) => keyOf(m) === key);
    if (!stored) {
      result.lost += 1;
      problem(`server c${s.chat}: u${s.user}'s message ${s.clientId} (sent at ${s.at} ms) is not stored`, { user: s.user, chat: s.chat, clientId: s.clientId });
    }
    for (const member of members[s.chat]!) {
      const held = store(member, s.chat).filter((m) => keyOf(m) === key);
      const confirmed = held.filter((m) => m.seq !== null).length;
      const unconfirmed = held.length - confirmed;
      const focus: Focus = { user: member, chat: s.chat, clientId: s.clientId, ...(stored ? { seq: stored.seq } : {}) };
      if (confirmed === 0) {
        result.lost += 1;
        problem(`u${member} c${s.chat}: missing u${s.user}'s message ${s.clientId}${stored ? ` (seq ${stored.seq})` : ''}`, focus);
      } else if (held.length > 1) {
        result.duplicated += held.length - 1;
        problem(`u${member} c${s.chat}: u${s.user}'s message ${s.clientId} held ${confirmed} times confirmed and ${unconfirmed} times unconfirmed`, focus);
      }
    }
  }

  // Every store: nothing unconfirmed, seqs strictly increasing, each the server's seq for that message, nothing extra.
  members.forEach((list, chat) => {
    const serverSeq = new Map(histories[chat]!.map((m) => [m.id, m.seq]));
    for (const user of list) {
      let previous = 0;
      for (const m of store(user, chat)) {
        if (m.seq === null) {
          result.stuck += 1;
          const why = m.error ? ` (${m.error.code}: ${m.error.message})` : '';
          problem(`u${user} c${chat}: message ${m.client_id} still ${m.status}${why}`, { user, chat, ...(m.client_id ? { clientId: m.client_id } : {}) });
          continue;
        }
        if (m.seq <= previous) {
          result.misordered += 1;
          problem(`u${user} c${chat}: seq ${m.seq} after seq ${previous}`, { user, chat, seq: m.seq });
        }
        const expected = m.id === null ? undefined : serverSeq.get(m.id);
        if (expected === undefined) {
          problem(`u${user} c${chat}: holds message ${m.id} (seq ${m.seq}) the server does not have`, { user, chat, seq: m.seq });
        } else if (expected !== m.seq) {
          result.misordered += 1;
          problem(`u${user} c${chat}: message ${m.id} has seq ${m.seq}, the server says ${expected}`, { user, chat, seq: m.seq });
        }
        previous = m.seq;
      }
    }
  });
  return result;
}

/** `1-40,42,44-50`. */
export function compactRange(values: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j]! + 1) j += 1;
    parts.push(i === j ? `${values[i]}` : `${values[i]}-${values[j]}`);
    i = j + 1;
  }
  return parts.join(',') || '(none)';
}
