import autocannon, { type Instance, type Request as AutocannonRequest } from "autocannon";

// One measurement: `amount` requests over `connections` keep-alive connections, with every
// response's latency recorded, so the percentiles are exact rather than histogram buckets.

export interface LoadResult {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  non2xx: number;
}

interface LoadOptions {
  url: string;
  connections: number;
  headers?: Record<string, string>;
  requests?: AutocannonRequest[];
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** Starts load of `amount` requests, or until stopped when `amount` is undefined. */
function start(options: LoadOptions & { amount?: number }) {
  const latencies: number[] = [];
  let non2xx = 0;
  let lastResponseAt = 0;
  const started = performance.now();
  let instance: Instance | undefined;
  const done = new Promise<void>((resolve, reject) => {
    const cannon = autocannon(
      // Without an amount, autocannon runs for `duration`: far longer than anyone waits before stopping it.
      {
        url: options.url,
        connections: options.connections,
        headers: options.headers,
        requests: options.requests,
        ...(options.amount ? { amount: options.amount } : { duration: 3600 }),
      },
      (error) => (error ? reject(error) : resolve()),
    );
    instance = cannon;
    cannon.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) non2xx += 1;
      latencies.push(responseTime);
      lastResponseAt = performance.now();
    });
  });
  const result = async (): Promise<LoadResult> => {
    await done;
    latencies.sort((a, b) => a - b);
    // autocannon ends on a one-second tick, so time the run up to its last response instead.
    const seconds = (lastResponseAt - started) / 1000;
    return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), rps: latencies.length / seconds, non2xx };
  };
  return { stop: () => instance?.stop(), result };
}

export const measure = (options: LoadOptions & { amount: number }): Promise<LoadResult> => start(options).result();

/** Load that runs until `stop()`, which gives its figures. */
export function backgroundLoad(options: LoadOptions): { stop(): Promise<LoadResult> } {
  const load = start(options);
  return {
    stop: () => {
      load.stop();
      return load.result();
    },
  };
}

export const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
