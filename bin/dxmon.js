#!/usr/bin/env node
// The dxmon command: runs the compiled CLI (built by `npm install` through the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error(
    'DX Monitor chưa được biên dịch: chạy `npm run build`. / DX Monitor is not built: run `npm run build`.',
  );
  process.exit(2);
}
// A reader that stops early (`dxmon openapi | head`) closes the pipe: that is not an error. The output it no
// longer wants is dropped and dxmon exits 0 at once, quietly; messages on a closed stderr are dropped likewise
// (a server goes on serving).
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.stderr.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
