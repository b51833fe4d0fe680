/** Arabic-Indic (U+0660) and Persian (U+06F0) digits to 0-9. */
export function asciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf));
}

/**
 * Light normalisation that keeps what tells languages apart (ä, ş, ê, ې, ё): lower case, ASCII
 * digits, Arabic tatweel and harakat removed, emoji and punctuation turned into spaces, letters
 * repeated three or more times shortened ("pleeease" → "please").
 */
export function simplify(text: string): string {
  return asciiDigits(text.normalize('NFC'))
    .toLowerCase()
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '') // harakat, superscript alef, tatweel
    .replace(/(\p{L})\1{2,}/gu, '$1')
    .replace(/[^\p{L}\p{N}\p{M}]+/gu, ' ')
    .trim();
}

/**
 * Normalises a message for matching, never for display: everything `simplify` does, plus accents
 * and diacritics folded (é→e, ş→s, ê→e, ß→ss), Arabic letter variants unified (ى/ی→ي, ک→ك,
 * أ/إ/آ→ا). The original text is never changed.
 */
export function normalize(text: string): string {
  const simple = simplify(text);
  // Plain ASCII has nothing to fold (most Latin-script messages): skip the Unicode passes.
  if (/^[\x00-\x7f]*$/.test(simple)) return simple;
  return simple
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ىی]/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .normalize('NFC');
}
