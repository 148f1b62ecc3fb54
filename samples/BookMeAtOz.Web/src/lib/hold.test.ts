import { describe, expect, it } from 'vitest';
import { formatCountdown, holdDeadline, secondsLeft } from './hold';

describe('hold countdown', () => {
  const received = Date.parse('2030-05-06T09:00:00Z');

  it('counts down to the server’s expiry when the clocks agree', () => {
    expect(holdDeadline('2030-05-06T19:10:00+10:00', received, 10)).toBe(received + 600_000);
  });

  it('never shows more than the hold length when the browser’s clock is slow', () => {
    // The server's expiry looks 25 minutes away to a browser 15 minutes behind.
    expect(holdDeadline('2030-05-06T09:25:00Z', received, 10)).toBe(received + 600_000);
  });

  it('takes the server’s expiry when it is sooner, or when the hold length is unknown', () => {
    expect(holdDeadline('2030-05-06T09:04:00Z', received, 10)).toBe(received + 240_000);
    expect(holdDeadline('2030-05-06T09:25:00Z', received)).toBe(received + 1_500_000);
  });

  it('rounds the seconds left up and stops at zero', () => {
    expect(secondsLeft(received + 600_000, received)).toBe(600);
    expect(secondsLeft(received + 1_500, received)).toBe(2);
    expect(secondsLeft(received, received + 5_000)).toBe(0);
  });

  it('formats minutes and seconds', () => {
    expect(formatCountdown(600)).toBe('10:00');
    expect(formatCountdown(61)).toBe('1:01');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(-3)).toBe('0:00');
  });
});
