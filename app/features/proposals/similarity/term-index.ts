/**
 * An inverted index of TF-IDF vectors over stemmed terms, for cosine similarity against many
 * documents without comparing every vector: a query walks only the postings of its own terms.
 *
 * Weights: tf is 1 + ln(count), idf is 1 + ln((N + 1) / (df + 1)) (smoothed, never zero, so a
 * term every document has still counts a little). Adding or removing a document changes N and
 * some dfs, hence every document's norm: norms are recomputed lazily, once, at the next query.
 */
interface Posting {
  slots: number[];
  tf: number[];
}

interface Entry {
  slot: number;
  tf: Map<string, number>;
}

export interface Match {
  id: string;
  cosine: number;
}

/** Counts each term, then weighs the counts logarithmically (so that repeating a word matters less). */
export function termFrequencies(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  for (const [term, count] of counts) counts.set(term, 1 + Math.log(count));
  return counts;
}

export class TermIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly postings = new Map<string, Posting>();
  private readonly idsBySlot: (string | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  private norms = new Float64Array(0);
  private normsStale = true;
  private scores = new Float64Array(0);

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Adds a document (replacing one with the same id). */
  add(id: string, terms: readonly string[]): void {
    this.remove(id);
    const slot = this.freeSlots.pop() ?? this.idsBySlot.length;
    const tf = termFrequencies(terms);
    this.entries.set(id, { slot, tf });
    this.idsBySlot[slot] = id;
    for (const [term, weight] of tf) {
      let posting = this.postings.get(term);
      if (!posting) {
        posting = { slots: [], tf: [] };
        this.postings.set(term, posting);
      }
      posting.slots.push(slot);
      posting.tf.push(weight);
    }
    this.normsStale = true;
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    for (const term of entry.tf.keys()) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const at = posting.slots.indexOf(entry.slot);
      posting.slots.splice(at, 1);
      posting.tf.splice(at, 1);
      if (posting.slots.length === 0) this.postings.delete(term);
    }
    this.entries.delete(id);
    this.idsBySlot[entry.slot] = undefined;
    this.freeSlots.push(entry.slot);
    this.normsStale = true;
  }

  /** Inverse document frequency of a term in this index (a term no document has gets the highest). */
  idf(term: string): number {
    const df = this.postings.get(term)?.slots.length ?? 0;
    return 1 + Math.log((this.entries.size + 1) / (df + 1));
  }

  /** The TF-IDF vector of a list of terms, weighed by this index's idf. */
  vector(terms: readonly string[]): Map<string, number> {
    const vector = termFrequencies(terms);
    for (const [term, tf] of vector) vector.set(term, tf * this.idf(term));
    return vector;
  }

  /** Every document sharing a term with the query whose cosine similarity is at least `minCosine` (and above 0). */
  query(terms: readonly string[], exclude?: string, minCosine = 0): Match[] {
    this.refreshNorms();
    const query = this.vector(terms);
    const queryNorm = Math.sqrt([...query.values()].reduce((sum, weight) => sum + weight * weight, 0));
    if (queryNorm === 0) return [];
    if (this.scores.length < this.idsBySlot.length) this.scores = new Float64Array(this.idsBySlot.length);
    const scores = this.scores;
    const touched: number[] = [];
    for (const [term, queryWeight] of query) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const factor = queryWeight * this.idf(term);
      const { slots, tf } = posting;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i] as number;
        if (scores[slot] === 0) touched.push(slot);
        scores[slot] = (scores[slot] as number) + factor * (tf[i] as number);
      }
    }
    const matches: Match[] = [];
    for (const slot of touched) {
      const id = this.idsBySlot[slot] as string;
      const dot = scores[slot] as number;
      scores[slot] = 0;
      if (id === exclude) continue;
      const similarity = Math.min(1, dot / (queryNorm * (this.norms[slot] as number)));
      if (similarity >= minCosine) matches.push({ id, cosine: similarity });
    }
    return matches;
  }

  private refreshNorms(): void {
    if (!this.normsStale) return;
    const idf = new Map<string, number>();
    for (const term of this.postings.keys()) idf.set(term, this.idf(term));
    this.norms = new Float64Array(this.idsBySlot.length);
    for (const { slot, tf } of this.entries.values()) {
      let sum = 0;
      for (const [term, weight] of tf) sum += (weight * (idf.get(term) as number)) ** 2;
      this.norms[slot] = Math.sqrt(sum);
    }
    this.normsStale = false;
  }
}

/** Cosine similarity of two sparse vectors (the plain definition, which the index must agree with). */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  for (const [term, weight] of a) dot += weight * (b.get(term) ?? 0);
  const norm = (v: ReadonlyMap<string, number>) => Math.sqrt([...v.values()].reduce((sum, w) => sum + w * w, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}
