import { describe, expect, it } from 'vitest';
import { tokenFromFragment } from './accountLinks';

describe('tokenFromFragment', () => {
  it('reads the token of an account link’s fragment', () => {
    expect(tokenFromFragment('#token=k3V9abc_-XYZ')).toBe('k3V9abc_-XYZ');
    expect(tokenFromFragment('token=k3V9abc')).toBe('k3V9abc');
  });

  it('unescapes it as the e-mail escaped it (a URI component)', () => {
    const token = 'a+b/c=d~é';
    expect(tokenFromFragment(`#token=${encodeURIComponent(token)}`)).toBe(token);
  });

  it('finds it among other parameters, and takes the first', () => {
    expect(tokenFromFragment('#utm=x&token=abc&other=1')).toBe('abc');
    expect(tokenFromFragment('#token=first&token=second')).toBe('first');
  });

  it('is null when there is no usable token', () => {
    expect(tokenFromFragment('')).toBeNull();
    expect(tokenFromFragment('#')).toBeNull();
    expect(tokenFromFragment('#token=')).toBeNull();
    expect(tokenFromFragment('#token')).toBeNull();
    expect(tokenFromFragment('#tokens=abc')).toBeNull();
    expect(tokenFromFragment('#xtoken=abc')).toBeNull();
    expect(tokenFromFragment('#token=%E0%A4%A')).toBeNull(); // broken escape
    expect(tokenFromFragment('#token=a%20b')).toBeNull(); // a token has no spaces
    expect(tokenFromFragment(`#token=${'x'.repeat(1001)}`)).toBeNull();
  });

  it('ignores spaces a mail program added around it', () => {
    expect(tokenFromFragment('#token=%20abc%20')).toBe('abc');
  });
});
