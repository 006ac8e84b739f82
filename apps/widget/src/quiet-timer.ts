/**
 * Calls `onQuiet` once `ms` pass without a `restart()`: the widget's "after a quiet period" trigger
 * (restarted by each answer, stopped by the customer's activity). `ms <= 0` never fires.
 */
export class QuietTimer {
  readonly #ms: number;
  readonly #onQuiet: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(ms: number, onQuiet: () => void) {
    this.#ms = ms;
    this.#onQuiet = onQuiet;
  }

  restart(): void {
    this.stop();
    if (this.#ms > 0) this.#timer = setTimeout(this.#onQuiet, this.#ms);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
