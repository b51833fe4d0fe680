import { readFileSync } from 'node:fs';
import { ContentRepository } from '../../src/content/repository.js';
import { charNgrams, NaiveBayes } from '../../src/understanding/naiveBayes.js';
import { normalize } from '../../src/understanding/normalize.js';
const content = ContentRepository.load('content');
const texts = content.trainingTexts();
const dev = readFileSync('../shared/eval/dev-utterances.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const variants: Record<string, [(t: string) => string[], number]> = {};
const words = (t: string) => normalize(t).split(' ').filter(Boolean);
const uniq = (a: string[]) => [...new Set(a)];
for (const alpha of [0.05, 0.3, 1]) {
  variants[`w+c35 a${alpha}`] = [(t) => { const w = words(t); return [...w.map((x) => 'w:' + x), ...charNgrams(w, 3, 5)]; }, alpha];
  variants[`bin w+c35 a${alpha}`] = [(t) => { const w = words(t); return uniq([...w.map((x) => 'w:' + x), ...charNgrams(w, 3, 5)]); }, alpha];
  variants[`bin w+c24 a${alpha}`] = [(t) => { const w = words(t); return uniq([...w.map((x) => 'w:' + x), ...charNgrams(w, 2, 4)]); }, alpha];
  variants[`bin w+c36+bi a${alpha}`] = [(t) => { const w = words(t); return uniq([...w.map((x) => 'w:' + x), ...w.slice(1).map((x, i) => 'b:' + w[i] + '_' + x), ...charNgrams(w, 3, 6)]); }, alpha];
}
for (const [name, [f, alpha]] of Object.entries(variants)) {
  let ok = 0;
  for (let fold = 0; fold < 5; fold++) {
    const m = new NaiveBayes<string>(f, alpha).train(texts.filter((_, i) => i % 5 !== fold).map((t) => ({ text: t.text, label: t.topic })));
    for (const t of texts.filter((_, i) => i % 5 === fold)) if (m.classify(t.text)[0]?.label === t.topic) ok++;
  }
  const m = new NaiveBayes<string>(f, alpha).train(texts.map((t) => ({ text: t.text, label: t.topic })));
  let d = 0; for (const c of dev) if (m.classify(c.text)[0]?.label === c.topic) d++;
  console.log(name.padEnd(24), 'cv', (ok / texts.length * 100).toFixed(1), 'dev', (d / dev.length * 100).toFixed(1));
}
