import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Files inlined into every report, read once per process: the echarts bundle from node_modules (the
 * report must work offline, so no CDN) and the page's own CSS and script, kept as real .css/.js files
 * next to this one so they are edited as what they are.
 */
let echarts: string | undefined;
let css: string | undefined;
let script: string | undefined;

export function echartsSource(): string {
  if (echarts === undefined) {
    const require = createRequire(import.meta.url);
    echarts = readFileSync(require.resolve('echarts/dist/echarts.min.js'), 'utf8');
  }
  return echarts;
}

export function reportCss(): string {
  return (css ??= readFileSync(new URL('./report-styles.css', import.meta.url), 'utf8'));
}

export function reportScript(): string {
  return (script ??= readFileSync(new URL('./report-client.js', import.meta.url), 'utf8'));
}
