import autocannon, { type Request as AutocannonRequest } from "autocannon";

// One measurement: `amount` requests over `connections` keep-alive connections, with every
// response's latency recorded, so the percentiles are exact rather than histogram buckets.

export interface LoadResult {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  non2xx: number;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export async function measure(options: {
  url: string;
  connections: number;
  amount: number;
  headers?: Record<string, string>;
  requests?: AutocannonRequest[];
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let non2xx = 0;
  let lastResponseAt = 0;
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      { url: options.url, connections: options.connections, amount: options.amount, headers: options.headers, requests: options.requests },
      (error) => (error ? reject(error) : resolve()),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (statusCode < 200 || statusCode >= 300) non2xx += 1;
      latencies.push(responseTime);
      lastResponseAt = performance.now();
    });
  });
  latencies.sort((a, b) => a - b);
  // autocannon ends on a one-second tick, so time the run up to its last response instead.
  const seconds = (lastResponseAt - started) / 1000;
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), rps: latencies.length / seconds, non2xx };
}

export const ms = (value: number) => value.toFixed(value < 10 ? 2 : 1);
