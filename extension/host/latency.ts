/**
 * The editor's latencies, kept for the integration tests (test-state.ts): from an edit to its annotations
 * shown, and from a run's start to its result drawn. Only the newest LATENCY_SAMPLES of each are kept.
 * Times are `performance.now()` values given by the caller. No `vscode` here.
 */
const LATENCY_SAMPLES = 200;

export class Latencies {
  /** Edit to annotation: from the oldest edit not yet shown to the result that shows it. */
  readonly editMs: number[] = [];
  /** From the end of the debounce (the run starts) to the decorations set, per result shown. */
  readonly renderMs: number[] = [];
  /** When the oldest edit not yet shown happened, per document. */
  private readonly editedAt = new Map<string, number>();

  /** A document was edited at `now` (an earlier edit not yet shown keeps its time). */
  edited(key: string, now: number): void {
    if (!this.editedAt.has(key)) this.editedAt.set(key, now);
  }

  /** A result of the document was shown at `now`: the wait since its oldest unshown edit is one sample. */
  shown(key: string, now: number): void {
    const t0 = this.editedAt.get(key);
    if (t0 === undefined) return;
    this.editedAt.delete(key);
    push(this.editMs, now - t0);
  }

  /** A run started `ms` before its result was drawn. */
  rendered(ms: number): void {
    push(this.renderMs, ms);
  }

  /** The document closed: its pending edit is not waited for. */
  forget(key: string): void {
    this.editedAt.delete(key);
  }
}

/** Appends a latency sample, keeping the newest LATENCY_SAMPLES. */
function push(samples: number[], ms: number): void {
  samples.push(ms);
  if (samples.length > LATENCY_SAMPLES) samples.shift();
}
