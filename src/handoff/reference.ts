import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for each other when read aloud or copied (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
export const REFERENCE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

/** A short request reference such as `IP-7KQ3`. */
export function newReference(length = 4): string {
  let code = '';
  for (let i = 0; i < length; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `IP-${code}`;
}

/** Reads a reference as a person may type it ("ip 7kq3", "IP-7KQ3"), or undefined. */
export function parseReference(text: string): string | undefined {
  const match = text.toUpperCase().match(new RegExp(`\\bIP[\\s-]?([${REFERENCE_ALPHABET}]{4})\\b`));
  return match ? `IP-${match[1]}` : undefined;
}
