import { existsSync } from 'node:fs';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../core/errors.ts';
import { Strategy, type StrategyClass } from '../strategy/strategy.ts';
import { isPortfolioStrategyClass, type PortfolioStrategyClass } from '../strategy/portfolio-strategy.ts';

/**
 * Load a strategy class from a path (`strategies/sma-cross.ts`) or a name of a file in the
 * strategies folder (`sma-cross`). The file must default-export a class extending Strategy (one
 * instance per instrument) or PortfolioStrategy (one instance over every instrument; `kind` says which).
 */
export async function loadStrategy(
  spec: string,
  opts: { strategiesDir?: string; cwd?: string } = {},
): Promise<{ cls: StrategyClass | PortfolioStrategyClass; name: string; path: string; kind: 'instrument' | 'portfolio' }> {
  const cwd = opts.cwd ?? process.cwd();
  const dirs = [opts.strategiesDir ?? join(cwd, 'strategies'), join(import.meta.dirname, '..', '..', 'strategies')];
  const candidates: string[] = [];
  if (isAbsolute(spec) || spec.includes('/') || spec.includes('\\') || extname(spec) !== '') candidates.push(resolve(cwd, spec));
  else for (const d of dirs) candidates.push(join(d, `${spec}.ts`), join(d, `${spec}.js`));
  const path = candidates.find((p) => existsSync(p));
  if (path === undefined) {
    throw new ConfigError(`strategy '${spec}' not found`, { where: candidates[0], hint: 'give a path to a .ts file or the name of a file in strategies/ (e.g. sma-cross)' });
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new ConfigError(`strategy file failed to load: ${msg}`, { where: path, hint: 'fix the error in the strategy file' });
  }
  const cls = mod.default as StrategyClass | undefined;
  const name = basename(path, extname(path));
  if (isPortfolioStrategyClass(cls)) return { cls, name, path, kind: 'portfolio' };
  if (typeof cls !== 'function' || !(cls.prototype instanceof Strategy)) {
    throw new ConfigError('strategy file has no default-exported class extending Strategy or PortfolioStrategy', {
      where: path,
      hint: "write `export default class MyStrategy extends Strategy<...> { ... }` (or PortfolioStrategy) importing it from the framework",
    });
  }
  return { cls, name, path, kind: 'instrument' };
}
