import { asciiDigits, normalize, simplify } from '../../src/understanding/normalize.js';

describe('normalisation for matching (the original text is never changed)', () => {
  test.each([
    ['Arabic-Indic digits', 'عمري ٢٥ سنة', 'عمري 25 سنة'],
    ['Persian digits', 'شماره من ۰۱۷۶۱۲۳۴', 'شماره من 01761234'],
    ['Arabic letter variants: ى/ی, ک, hamza forms', 'أريد مساعدة في الإسكان كى', 'اريد مساعدة في الاسكان كي'],
    ['Persian ی and ک become the Arabic forms', 'کمک میخواهم برای کلاس', 'كمك ميخواهم براي كلاس'],
    ['tatweel and harakat removed', 'مــــدرسةٌ', 'مدرسة'],
    ['Latin case and accents folded', 'Möbel für MEINE Wohnung, ça coûte?', 'mobel fur meine wohnung ca coute'],
    ['Turkish and Kurmanji letters folded', 'Kıyafet yardımı ŞİMDİ, cil û berg', 'kiyafet yardimi simdi cil u berg'],
    ['repeated letters, emoji and punctuation', 'Hilfeeeee!!! 😭😭 bitteee', 'hilfe bitte'],
    ['Ge\'ez script kept as it is', 'ሓገዝ ደልየ፧', 'ሓገዝ ደልየ'],
    ['Cyrillic folded (ё, ї)', 'Їжа, ЁЛКА', 'іжа елка']
  ])('%s', (_name, input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  test('simplify keeps the letters that tell languages apart', () => {
    expect(simplify('Kürtçe ÇOK güzel!!')).toBe('kürtçe çok güzel');
    expect(simplify('ځم ښار ته')).toBe('ځم ښار ته');
    expect(simplify('Мені потрібна допомога')).toBe('мені потрібна допомога');
  });

  test('digits are converted everywhere, so phone numbers and ages read the same', () => {
    expect(asciiDigits('٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹')).toBe('0123456789 0123456789');
  });
});
