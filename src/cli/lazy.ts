/**
 * An async function of a module loaded only when it is first called: a command's use cases (and the database,
 * readers and writers behind them) are loaded when the command runs, not for `dxmon --help` or another command.
 */
type AsyncFunction = (...args: never[]) => Promise<unknown>;

export function lazy<K extends string, M extends { [P in K]: AsyncFunction }>(
  load: () => Promise<M>,
  name: K,
): M[K] {
  const call = async (...args: unknown[]) => {
    const fn = (await load())[name] as unknown as (...args: unknown[]) => Promise<unknown>;
    return fn(...args);
  };
  return call as unknown as M[K];
}
