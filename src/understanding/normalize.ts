/**
 * Normalises a message for matching, never for display: digits to 0-9, Arabic letter variants
 * unified, case, accents and diacritics folded, emoji and punctuation turned into spaces.
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\p{M}/gu, '')
    .replace(/\u0640/g, '') // tatweel
    .replace(/[ىی]/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(/[أإآ]/g, 'ا')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
