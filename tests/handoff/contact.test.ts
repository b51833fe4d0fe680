import { readEmail, readPhone, readTimes } from '../../src/handoff/contact.js';

describe('reading contact details from what people type', () => {
  test.each([
    ['0176 1234567', '0176 1234567'],
    ['+49 176 1234567', '+49 176 1234567'],
    ['رقمي ٠١٧٦١٢٣٤٥٦٧', '01761234567'], // Arabic-Indic digits
    ['شماره من ۰۱۷۶ ۱۲۳ ۴۵۶۷ است', '0176 123 4567'], // Persian digits
    ['call me 0176/123 4567 pls', '0176 123 4567']
  ])('phone %s', (typed, expected) => {
    expect(readPhone(typed)).toBe(expected);
  });

  test.each(['abc', '12', 'meine nummer ist geheim'])('no phone in %s', (typed) => {
    expect(readPhone(typed)).toBeUndefined();
  });

  test('emails: read when whole, refused when the recognizer would cut them', () => {
    expect(readEmail('ahmad.k@example.de')).toBe('ahmad.k@example.de');
    expect(readEmail('mail: x@y.de.')).toBe('x@y.de');
    expect(readEmail('ahmad.müller@example.de')).toBeUndefined();
    expect(readEmail('ahmad at gmail')).toBeUndefined();
  });

  test('preferred times: resolved where a parser knows the language, always kept as typed', () => {
    const now = new Date('2026-11-22T10:00:00Z'); // a Sunday
    expect(readTimes('next tuesday morning', 'en', now)).toMatch(/^next tuesday morning \(2026-11-24 08:00:00–12:00:00\)$/);
    expect(readTimes('Dienstag vormittag', 'de', now)).toMatch(/^Dienstag vormittag \(2026-11-24 \d\d:\d\d\)$/);
    expect(readTimes('во вторник утром', 'ru', now)).toMatch(/\(2026-11-24/);
    expect(readTimes('ሰሉስ ንግሆ', 'ti', now)).toBe('ሰሉስ ንግሆ');
  });
});
