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
 * Probabilities are a softmax of the log-likelihoods divided by a temperature (naive Bayes alone
 * is far too sure of itself); `npm run eval` shows how well they are calibrated.
 */
export class NaiveBayes<L extends string> {
  /** feature → count per label index. */
  private readonly counts = new Map<string, number[]>();
  private readonly totals: number[] = [];
  private readonly labels: L[] = [];

  constructor(
    private readonly featurize: Featurizer,
    private readonly alpha = 0.1,
    /** Divides the summed log-likelihoods before the softmax; larger is less sure. */
    public temperature = 1
  ) {}

  /** Adds training examples; may be called more than once. */
  train(samples: Iterable<{ text: string; label: L }>): this {
    for (const { text, label } of samples) {
      let index = this.labels.indexOf(label);
      if (index < 0) {
        index = this.labels.push(label) - 1;
        this.totals.push(0);
      }
      for (const f of this.featurize(text)) {
        let byLabel = this.counts.get(f);
        if (!byLabel) this.counts.set(f, (byLabel = []));
        byLabel[index] = (byLabel[index] ?? 0) + 1;
        this.totals[index]++;
      }
    }
    return this;
  }

  /** The labels (all, or `among`) with their probabilities, most likely first; empty when no feature is known. */
  classify(text: string, among: readonly L[] = this.labels): Scored<L>[] {
    const features = this.featurize(text)
      .map((f) => this.counts.get(f))
      .filter((c): c is number[] => c !== undefined);
    if (!features.length || !among.length) return [];
    const vocabulary = this.counts.size;
    const log = among.map((label) => {
      const i = this.labels.indexOf(label);
      const denominator = Math.log((this.totals[i] ?? 0) + this.alpha * vocabulary);
      let sum = 0;
      for (const counts of features) sum += Math.log((counts[i] ?? 0) + this.alpha) - denominator;
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
    for (let n = min; n <= max; n++) {
      for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
    }
  }
  return out;
}
