// At most `size` calls at a time; the others queue in arrival order. A caller that waits longer
// than its deadline leaves the queue without having started anything.

export class Gate {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly size: number) {}

  get waiting(): number {
    return this.queue.length;
  }

  /** Resolves with a release function once admitted; false if `waitMs` passed first. */
  async enter(waitMs: number): Promise<(() => void) | false> {
    if (this.active < this.size) {
      this.active += 1;
      return this.releaser();
    }
    return new Promise((resolve) => {
      const admit = () => {
        clearTimeout(timer);
        this.active += 1;
        resolve(this.releaser());
      };
      const timer = setTimeout(() => {
        this.queue.splice(this.queue.indexOf(admit), 1);
        resolve(false);
      }, waitMs);
      this.queue.push(admit);
    });
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.queue.shift()?.();
    };
  }
}
