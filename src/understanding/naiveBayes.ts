/** Turns a text into the features a model counts. */
export type Featurizer = (text: string) => string[];

/** A label with its calibrated probability. */
export interface Scored<L extends string> {
  label: L;
  p: number;
}

/**
 * Multinomial naive Bayes with uniform priors and Lidstone smoothing: small, trains in
 * milliseconds from a few thousand examples, and works on any script through the featurizer.
 * Probabilities are a softmax of the log-likelihoods divided by a temperature, which the eval's
 * cross-validation fits (naive Bayes alone is far too sure of itself).
 */
export class NaiveBayes<L extends string> {
  private readonly counts = new Map<string, Map<L, number>>();
  private readonly totals = new Map<L, number>();
  private labels: L[] = [];

  constructor(
    private readonly featurize: Featurizer,
    private readonly alpha = 0.1,
    /** Divides the summed log-likelihoods before the softmax; larger is less sure. */
    public temperature = 1
  ) {}

  /** Adds training examples; may be called more than once. */
  train(samples: Iterable<{ text: string; label: L }>): this {
    for (const { text, label } of samples) {
      if (!this.totals.has(label)) this.labels.push(label);
      for (const f of this.featurize(text)) {
        let byLabel = this.counts.get(f);
        if (!byLabel) this.counts.set(f, (byLabel = new Map()));
        byLabel.set(label, (byLabel.get(label) ?? 0) + 1);
        this.totals.set(label, (this.totals.get(label) ?? 0) + 1);
      }
      if (!this.totals.has(label)) this.totals.set(label, 0);
    }
    return this;
  }

  /** Every label with its probability, most likely first; empty when no feature is known. */
  classify(text: string, among: readonly L[] = this.labels): Scored<L>[] {
    const features = this.featurize(text).filter((f) => this.counts.has(f));
    if (!features.length || !among.length) return [];
    const vocabulary = this.counts.size;
    const log = among.map((label) => {
      const denominator = Math.log((this.totals.get(label) ?? 0) + this.alpha * vocabulary);
      let sum = 0;
      for (const f of features) sum += Math.log((this.counts.get(f)!.get(label) ?? 0) + this.alpha) - denominator;
      return sum / this.temperature;
    });
    const max = Math.max(...log);
    const exp = log.map((l) => Math.exp(l - max));
    const total = exp.reduce((a, b) => a + b, 0);
    return among.map((label, i) => ({ label, p: exp[i] / total })).sort((a, b) => b.p - a.p);
  }

  get knownLabels(): readonly L[] {
    return this.labels;
  }
}

/** Character n-grams of each word, padded so that word starts and ends count. */
export function charNgrams(words: string[], min: number, max: number): string[] {
  const out: string[] = [];
  for (const word of words) {
    const padded = ` ${word} `;
    const chars = [...padded];
    for (let n = min; n <= max; n++) {
      for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
    }
  }
  return out;
}
