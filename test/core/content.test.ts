import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_CONTENT_BYTES, NatterError, validateContent } from 'natter';
import { byteLength, checkText } from '../../src/core/content';

/** Throws what `run` throws, or fails the test when it does not. */
function thrown(run: () => void): NatterError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(NatterError);
    return error as NatterError;
  }
  throw new Error('expected a NatterError');
}

describe('byteLength', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(byteLength('')).toBe(0);
    expect(byteLength('abc')).toBe(3);
    expect(byteLength('é')).toBe(2);
    expect(byteLength('👍')).toBe(4);
  });
});

describe('validateContent', () => {
  it('accepts text up to the limit, in bytes', () => {
    expect(() => validateContent('x'.repeat(DEFAULT_MAX_CONTENT_BYTES), DEFAULT_MAX_CONTENT_BYTES)).not.toThrow();
    expect(() => validateContent('é'.repeat(5), 10)).not.toThrow();
  });

  it('blank or not a string → invalid_argument; one byte over → payload_too_large with both sizes', () => {
    expect(thrown(() => validateContent(' \n', 10))).toMatchObject({ code: 'invalid_argument', message: 'A message needs some text', details: {} });
    expect(thrown(() => validateContent(42 as unknown as string, 10))).toMatchObject({ code: 'invalid_argument', message: 'The message must be a string' });
    expect(thrown(() => validateContent('é'.repeat(6), 11))).toMatchObject({
      code: 'payload_too_large',
      message: 'The message is 12 bytes; the limit is 11',
      details: {},
    });
  });
});

describe('checkText', () => {
  it('a blank caption passes when blankOk; too long is invalid_argument by default, with the details given', () => {
    expect(() => checkText('', 10, 'caption', true)).not.toThrow();
    expect(thrown(() => checkText('x'.repeat(11), 10, 'caption', true, { chatId: 'c1' }))).toMatchObject({
      code: 'invalid_argument',
      message: 'The caption is 11 bytes; the limit is 10',
      details: { chatId: 'c1' },
    });
    expect(thrown(() => checkText(null as unknown as string, 10, 'caption', true, { chatId: 'c1' }))).toMatchObject({
      message: 'The caption must be a string',
      details: { chatId: 'c1' },
    });
    expect(thrown(() => checkText('  ', 10, 'message', false, { chatId: 'c1' }))).toMatchObject({ message: 'A message needs some text' });
  });
});
