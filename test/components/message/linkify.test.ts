import fc from 'fast-check';
import { linkify } from 'natter/components';
import { describe, expect, it } from 'vitest';

describe('linkify', () => {
  it('turns http and https URLs into links and keeps the text around them', () => {
    expect(linkify('docs at https://natter.dev/docs?page=2#top and http://example.com/a')).toEqual([
      { kind: 'text', text: 'docs at ' },
      { kind: 'link', text: 'https://natter.dev/docs?page=2#top', href: 'https://natter.dev/docs?page=2#top' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'http://example.com/a', href: 'http://example.com/a' },
    ]);
  });

  it.each([
    ['See https://natter.dev.', 'https://natter.dev', '.'],
    ['Really? https://natter.dev/x!', 'https://natter.dev/x', '!'],
    ['(https://natter.dev/a)', 'https://natter.dev/a', ')'],
    ['"https://natter.dev/q?x=1",', 'https://natter.dev/q?x=1', '",'],
    ['Go to https://natter.dev/path: now', 'https://natter.dev/path', ': now'],
  ])('leaves trailing punctuation outside the link: %s', (input, url, after) => {
    const parts = linkify(input);
    const link = parts.find((p) => p.kind === 'link');
    expect(link).toMatchObject({ text: url });
    expect(parts.at(-1)).toEqual({ kind: 'text', text: after });
    expect(parts.map((p) => p.text).join('')).toBe(input);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'ftp://files.example.com/a.zip',
    'natter.dev',
    'www.natter.dev/docs',
    'mailto:ana@natter.dev',
    'https://',
    'xhttps://natter.dev',
    'file:///etc/passwd',
  ])('leaves %s as text', (input) => {
    expect(linkify(input)).toEqual([{ kind: 'text', text: input }]);
  });

  it('stops a URL at characters that cannot be in it (quotes, angle brackets, spaces)', () => {
    expect(linkify('<https://natter.dev/a>')).toEqual([
      { kind: 'text', text: '<' },
      { kind: 'link', text: 'https://natter.dev/a', href: 'https://natter.dev/a' },
      { kind: 'text', text: '>' },
    ]);
    expect(linkify('https://natter.dev/"onmouseover="alert(1)')[0]).toEqual({ kind: 'link', text: 'https://natter.dev/', href: 'https://natter.dev/' });
  });

  it('keeps a closing parenthesis the URL opened, and drops one that closes the sentence', () => {
    expect(linkify('see https://en.wikipedia.org/wiki/Foo_(bar).')).toEqual([
      { kind: 'text', text: 'see ' },
      { kind: 'link', text: 'https://en.wikipedia.org/wiki/Foo_(bar)', href: 'https://en.wikipedia.org/wiki/Foo_(bar)' },
      { kind: 'text', text: '.' },
    ]);
    expect(linkify('(docs: https://natter.dev/a)')).toEqual([
      { kind: 'text', text: '(docs: ' },
      { kind: 'link', text: 'https://natter.dev/a', href: 'https://natter.dev/a' },
      { kind: 'text', text: ')' },
    ]);
  });

  it('returns nothing for empty text', () => {
    expect(linkify('')).toEqual([]);
  });

  it('keeps every character of any text, and only ever links http(s)', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('https://natter.dev', 'http://a.b/c?d=e', 'javascript:alert(1)', 'data:,x', 'ftp://x.y', ' ', '\n', '.', ')', '<b>', 'https://'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        const parts = linkify(text);
        expect(parts.map((p) => p.text).join('')).toBe(text);
        for (const part of parts) {
          if (part.kind === 'link') expect(new URL(part.href).protocol).toMatch(/^https?:$/);
          expect(part.text).not.toBe('');
        }
      }),
    );
  });
});
