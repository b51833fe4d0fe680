import { readFileSync } from 'node:fs';
import { ContentRepository } from '../../src/content/repository.js';
import { charNgrams } from '../../src/understanding/naiveBayes.js';
import { normalize } from '../../src/understanding/normalize.js';
const content = ContentRepository.load('content');
const texts = content.trainingTexts();
const dev = readFileSync('../shared/eval/dev-utterances.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const words = (t: string) => normalize(t).split(' ').filter(Boolean);
const feats = (t: string) => { const w = words(t); return [...new Set([...w.map((x) => 'w:' + x), ...charNgrams(w, 3, 5)])]; };

class LR {
  vocab = new Map<string, number>(); labels: string[] = []; W: Float32Array = new Float32Array(0); b: Float32Array = new Float32Array(0);
  train(data: { text: string; label: string }[], epochs = 30, lr = 0.5, l2 = 1e-4) {
    this.labels = [...new Set(data.map((d) => d.label))];
    const X = data.map((d) => feats(d.text).map((f) => { let i = this.vocab.get(f); if (i === undefined) { i = this.vocab.size; this.vocab.set(f, i); } return i; }));
    const y = data.map((d) => this.labels.indexOf(d.label));
    const K = this.labels.length, V = this.vocab.size;
    this.W = new Float32Array(V * K); this.b = new Float32Array(K);
    const order = X.map((_, i) => i);
    const p = new Float64Array(K);
    for (let e = 0; e < epochs; e++) {
      for (let i = order.length - 1; i > 0; i--) { const j = (i * 7919 + e * 104729) % (i + 1); [order[i], order[j]] = [order[j], order[i]]; }
      const rate = lr / (1 + e * 0.2);
      for (const n of order) {
        const xs = X[n]; const scale = 1 / Math.sqrt(xs.length || 1);
        let max = -Infinity;
        for (let k = 0; k < K; k++) { let s = this.b[k]; for (const f of xs) s += this.W[f * K + k] * scale; p[k] = s; if (s > max) max = s; }
        let z = 0; for (let k = 0; k < K; k++) { p[k] = Math.exp(p[k] - max); z += p[k]; }
        for (let k = 0; k < K; k++) {
          const g = p[k] / z - (k === y[n] ? 1 : 0);
          this.b[k] -= rate * g;
          for (const f of xs) { const idx = f * K + k; this.W[idx] -= rate * (g * scale + l2 * this.W[idx]); }
        }
      }
    }
    return this;
  }
  classify(t: string) {
    const xs = feats(t).map((f) => this.vocab.get(f)).filter((i): i is number => i !== undefined);
    const K = this.labels.length; const scale = 1 / Math.sqrt(xs.length || 1);
    const s = this.labels.map((_, k) => { let v = this.b[k]; for (const f of xs) v += this.W[f * K + k] * scale; return v; });
    const max = Math.max(...s); const e = s.map((v) => Math.exp(v - max)); const z = e.reduce((a, b) => a + b);
    return this.labels.map((l, k) => ({ label: l, p: e[k] / z })).sort((a, b) => b.p - a.p);
  }
}
for (const [epochs, lr, l2] of [[20, 0.5, 1e-5], [30, 1, 1e-5], [30, 1, 1e-4]] as const) {
  const t0 = performance.now();
  let ok = 0;
  for (let fold = 0; fold < 5; fold++) {
    const m = new LR().train(texts.filter((_, i) => i % 5 !== fold).map((t) => ({ text: t.text, label: t.topic })), epochs, lr, l2);
    for (const t of texts.filter((_, i) => i % 5 === fold)) if (m.classify(t.text)[0].label === t.topic) ok++;
  }
  const t1 = performance.now();
  const m = new LR().train(texts.map((t) => ({ text: t.text, label: t.topic })), epochs, lr, l2);
  const t2 = performance.now();
  let d = 0; for (const c of dev) if (m.classify(c.text)[0].label === c.topic) d++;
  console.log(`LR e${epochs} lr${lr} l2${l2}`, 'cv', (ok / texts.length * 100).toFixed(1), 'dev', (d / dev.length * 100).toFixed(1), 'train ms', (t2 - t1).toFixed(0));
}
