// `npm run dev`: the web app with hot reload. Compiles the server, starts `dxmon serve --demo` (the API, on
// DXMON_API_PORT or 3000, loopback only) and the vite dev server (web/, on DXMON_WEB_PORT or 5173), which sends
// `/api` to it. Ctrl+C stops both. To use an API already running elsewhere, run
// `DXMON_API=http://localhost:3000 npx vite --config web/vite.config.ts` instead.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const apiPort = process.env.DXMON_API_PORT || '3000';

const compiled = spawnSync(
  process.execPath,
  [`${ROOT}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'],
  {
    cwd: ROOT,
    stdio: 'inherit',
  },
);
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

const children = [
  spawn(
    process.execPath,
    [`${ROOT}bin/dxmon.js`, 'serve', '--demo', '--port', apiPort, '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  ),
  spawn(process.execPath, [`${ROOT}node_modules/vite/bin/vite.js`, '--config', 'web/vite.config.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, DXMON_API: `http://127.0.0.1:${apiPort}` },
  }),
];

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) child.on('exit', stop);
