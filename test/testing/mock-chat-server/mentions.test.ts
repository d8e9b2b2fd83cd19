import { describe, expect, it } from 'vitest';
import { mentionsIn } from '../../../src/testing/mock-server/mentions';

const user = (username: string) => ({ id: `id-${username}`, username, email: '', is_active: true, created_at: '' });
const members = [user('ana'), user('Ben'), user('ana.b'), user('cy-2')];

describe('mentionsIn', () => {
  it('finds members named as @username at a word start, case-insensitively, in order, once each', () => {
    expect(mentionsIn('Hi @BEN and @ana, then @ben again', members)).toEqual(['id-Ben', 'id-ana']);
    expect(mentionsIn('@ana.b wins over @ana; @cy-2.', members)).toEqual(['id-ana.b', 'id-ana', 'id-cy-2']);
    expect(mentionsIn('Ask @ana.', members)).toEqual(['id-ana']);
  });

  it('ignores e-mail addresses, longer names and non-members', () => {
    expect(mentionsIn('mail ana@ben.example', members)).toEqual([]);
    expect(mentionsIn('@anabel @bent @dee @', members)).toEqual([]);
  });
});
