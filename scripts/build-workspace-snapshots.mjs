// Run by `npm install` (the prepare script, after tsc) and `npm run snapshots`: builds the ready-made workspaces a
// first `dxmon serve` copies instead of migrating and loading (src/app/workspace/workspace-snapshot.ts). A failure
// here does not fail the install: the first start then takes the slow path. DXMON_SNAPSHOTS=0 skips it.
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
if (process.env.DXMON_SNAPSHOTS === '0') {
  console.log('dxmon: DXMON_SNAPSHOTS=0, ready-made workspaces not built (first start takes the slow path).');
  process.exit(0);
}
try {
  const { buildWorkspaceSnapshots, currentSnapshot } =
    await import('../dist/app/workspace/workspace-snapshot.js');
  if ((await currentSnapshot('base')) && (await currentSnapshot('demo'))) {
    console.log('dxmon: ready-made workspaces are current.');
    process.exit(0);
  }
  console.log('dxmon: building the ready-made workspaces for a fast first start…');
  await buildWorkspaceSnapshots({
    onStep: (kind, step) => console.log(`dxmon:   ${kind}: ${step} (${seconds()})`),
  });
  console.log(`dxmon: ready-made workspaces built in ${seconds()} (.workspace-snapshots/).`);
} catch (error) {
  console.warn(
    `dxmon: the ready-made workspaces could not be built (${error}); the first start takes the slow path.`,
  );
}
