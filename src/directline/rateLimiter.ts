/**
 * A fixed-window request counter per key (a client IP): at most `limit` requests per window.
 * Memory stays bounded: expired windows are removed by `sweep()`, and at once when many keys pile up.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    private readonly maxKeys = 10_000
  ) {}

  /**
   * Counts one request for `key`.
   * @returns 0 when allowed, otherwise the whole seconds to wait before the window resets
   */
  take(key: string): number {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (!window && this.windows.size >= this.maxKeys) this.sweep();
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    window.count++;
    return 0;
  }

  /** Forgets windows that have ended. */
  sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (now - window.start >= this.windowMs) this.windows.delete(key);
    }
  }
}
