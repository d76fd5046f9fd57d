// The load generator of evaluation.bench.js, in a worker thread of its own so that the clients' work does not
// share an event loop with the server they measure. Sends GET requests to one 127.0.0.1 URL from `concurrency`
// clients (Node's fetch, undici) until `requests` have been answered or `maxMs` has passed, after `warmup`
// requests that are not counted; posts back every latency (ms) and the number of non-200 answers.
/* global fetch */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, headers, concurrency, requests, warmup, maxMs } = workerData;
if (new URL(url).hostname !== '127.0.0.1') throw new Error(`requests go to 127.0.0.1 only, not ${url}`);

async function once() {
  const start = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  return { ms: performance.now() - start, ok: response.status === 200, status: response.status };
}

async function run(total, deadline) {
  const latencies = [];
  const statuses = {};
  let sent = 0;
  let failed = 0;
  const client = async () => {
    while (sent < total && performance.now() < deadline) {
      sent++;
      const r = await once();
      latencies.push(r.ms);
      if (!r.ok) {
        failed++;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  return { latencies, failed, statuses, wallMs: performance.now() - start };
}

await run(warmup, performance.now() + maxMs);
const measured = await run(requests, performance.now() + maxMs);
parentPort.postMessage(measured);
