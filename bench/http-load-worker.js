// The load generator of the HTTP benchmarks (bench/api-load.js), run as a child process of its own (fork) so that
// the clients' work shares neither an event loop nor a V8 heap with the server they measure. Told its work in
// one IPC message: sends GET requests to one 127.0.0.1 URL from `concurrency` clients (Node's fetch, undici) until
// `requests` have been answered or `maxMs` has passed, after `warmup` requests that are not counted; with
// `conditional: {etag, every}`, one request in `every` carries `If-None-Match: etag` (a 304 then counts as
// answered). Sends back every latency (ms), the number of unexpected answers by status, and the 304s; then exits.
/* global fetch */
import { performance } from 'node:perf_hooks';

function once(url, headers) {
  const start = performance.now();
  return fetch(url, { headers }).then(async (response) => {
    await response.arrayBuffer();
    return { ms: performance.now() - start, status: response.status };
  });
}

async function run(config, total, deadline) {
  const { url, headers, concurrency, conditional } = config;
  const withTag = conditional ? { ...headers, 'if-none-match': conditional.etag } : headers;
  const latencies = [];
  const statuses = {};
  let sent = 0;
  let failed = 0;
  let notModified = 0;
  const client = async () => {
    while (sent < total && performance.now() < deadline) {
      sent++;
      const tagged = conditional !== undefined && sent % conditional.every === 0;
      const r = await once(url, tagged ? withTag : headers);
      latencies.push(r.ms);
      if (r.status === 304 && tagged) notModified++;
      else if (r.status !== 200) {
        failed++;
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  return { latencies, failed, statuses, notModified, wallMs: performance.now() - start };
}

process.once('message', async (config) => {
  if (new URL(config.url).hostname !== '127.0.0.1')
    throw new Error(`requests go to 127.0.0.1 only, not ${config.url}`);
  await run(config, config.warmup, performance.now() + config.maxMs);
  const measured = await run(config, config.requests, performance.now() + config.maxMs);
  process.send(measured, () => process.disconnect());
});
