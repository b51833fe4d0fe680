/** A label with its calibrated probability. */
export interface Scored<L extends string> {
  label: L;
  p: number;
}

/**
 * Feature hash → row number, 0, 1, 2… in order of first sight: an open-addressing table over
 * typed arrays, several times faster than a Map for the millions of lookups of a training.
 */
class FeatureRows {
  private keys = new Int32Array(1 << 16).fill(-1);
  private rows = new Int32Array(1 << 16);
  size = 0;

  /** The row of `feature`, or -1 when it was never added. */
  get(feature: number): number {
    const mask = this.keys.length - 1;
    for (let i = feature & mask; ; i = (i + 1) & mask) {
      if (this.keys[i] === feature) return this.rows[i];
      if (this.keys[i] === -1) return -1;
    }
  }

  /** The row of `feature`, given the next free one when new. */
  add(feature: number): number {
    const mask = this.keys.length - 1;
    let i = feature & mask;
    for (; this.keys[i] !== -1; i = (i + 1) & mask) if (this.keys[i] === feature) return this.rows[i];
    this.keys[i] = feature;
    this.rows[i] = this.size++;
    if (this.size * 2 > this.keys.length) this.grow();
    return this.size - 1;
  }

  private grow(): void {
    const { keys, rows } = this;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.rows = new Int32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] === -1) continue;
      let i = keys[j] & mask;
      while (this.keys[i] !== -1) i = (i + 1) & mask;
      this.keys[i] = keys[j];
      this.rows[i] = rows[j];
    }
  }
}

/**
 * Multinomial naive Bayes with uniform priors and Lidstone smoothing: small, trains in
 * milliseconds from a few thousand examples, and works on any script: the caller turns each text
 * into the features it counts (hashes of words, character n-grams, concepts; see `hash`).
 * Probabilities are a softmax of the log-likelihoods divided by a temperature (naive Bayes alone
 * is far too sure of itself); `npm run eval` shows how well they are calibrated.
 */
export class NaiveBayes<L extends string> {
  /** feature hash → its row in `counts`. */
  private readonly rows = new FeatureRows();
  /** Row-major: the count of row r's feature in label i's examples is at r * labels + i. */
  private counts = new Float32Array(1 << 16);
  private readonly totals: Float64Array;

  constructor(
    /** Every label the model may learn. */
    private readonly labels: readonly L[],
    private readonly alpha = 0.1,
    /** Divides the summed log-likelihoods before the softmax; larger is less sure. */
    public temperature = 1
  ) {
    this.totals = new Float64Array(labels.length);
  }

  /** Adds training examples; may be called more than once. */
  train(samples: Iterable<{ features: number[]; label: L }>): this {
    const k = this.labels.length;
    for (const { features, label } of samples) {
      const index = this.labels.indexOf(label);
      if (index < 0) throw new Error(`NaiveBayes: unknown label "${label}"`);
      for (const f of features) {
        const row = this.rows.add(f);
        if ((row + 1) * k > this.counts.length) {
          const grown = new Float32Array(this.counts.length * 2);
          grown.set(this.counts);
          this.counts = grown;
        }
        this.counts[row * k + index]++;
      }
      this.totals[index] += features.length;
    }
    return this;
  }

  /** The labels (all with examples, or `among`) with their probabilities, most likely first; empty when no feature is known. */
  classify(features: number[], among: readonly L[] = this.knownLabels): Scored<L>[] {
    const k = this.labels.length;
    const known = features.map((f) => this.rows.get(f)).filter((r) => r >= 0);
    if (!known.length || !among.length) return [];
    const vocabulary = this.rows.size;
    const log = among.map((label) => {
      const i = this.labels.indexOf(label);
      const denominator = Math.log(this.totals[i] + this.alpha * vocabulary);
      let sum = 0;
      for (const row of known) sum += Math.log(this.counts[row * k + i] + this.alpha) - denominator;
      return sum / this.temperature;
    });
    const max = Math.max(...log);
    const exp = log.map((l) => Math.exp(l - max));
    const total = exp.reduce((a, b) => a + b, 0);
    return among.map((label, i) => ({ label, p: exp[i] / total })).sort((a, b) => b.p - a.p);
  }

  /** The labels that have training examples. */
  get knownLabels(): readonly L[] {
    return this.labels.filter((_, i) => this.totals[i] > 0);
  }
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 16777619;
/** 30 bits: a small integer, the cheapest kind of number for V8 to keep and compare. */
const HASH_BITS = 0x3fffffff;

/** FNV-1a of `text`, 30 bits, continuing from `h`. */
export function hash(text: string, h = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h & HASH_BITS;
}

/**
 * Hashes of the character n-grams (`min` to `max` letters) of each word, padded so that word
 * starts and ends count, added to `out`. No substring is made: a long word has many.
 */
export function charNgrams(words: readonly string[], min: number, max: number, out: number[] = []): number[] {
  for (const word of words) {
    const padded = ` ${word} `;
    for (let i = 0; i + min <= padded.length; i++) {
      // Seeded apart from `hash`, so that an n-gram never counts as the word it spells.
      let h = FNV_OFFSET ^ min;
      for (let n = 1; n <= max && i + n <= padded.length; n++) {
        h = Math.imul(h ^ padded.charCodeAt(i + n - 1), FNV_PRIME);
        if (n >= min) out.push(h & HASH_BITS);
      }
    }
  }
  return out;
}
