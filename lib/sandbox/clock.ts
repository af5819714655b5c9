// The sandbox's one source of time. Every lifetime (sessions, tokens, orders) reads it, so tests
// and demos can move time forward instead of waiting.

export interface SandboxClock {
  now(): Date;
  /** Moves sandbox time forward by `ms` (never backwards). */
  advance(ms: number): void;
  reset(): void;
  readonly offsetMs: number;
}

function createClock(): SandboxClock {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance: (ms) => {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError("The sandbox clock only moves forward");
      offsetMs += ms;
    },
    reset: () => {
      offsetMs = 0;
    },
    get offsetMs() {
      return offsetMs;
    },
  };
}

// One clock per process: the custom server and Next's bundled pages load this module separately.
const globalStore = globalThis as typeof globalThis & { __klarnaSandboxClock?: SandboxClock };
export const clock: SandboxClock = (globalStore.__klarnaSandboxClock ??= createClock());

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const addMs = (date: Date, ms: number) => new Date(date.getTime() + ms);
