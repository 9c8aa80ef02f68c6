#!/usr/bin/env -S node --max-semi-space-size=64
// Entry point for `npx pxt`: registers tsx so the TypeScript sources run as they are.
// A 64 MB young generation: a backtest retains every order, fill and trade for the results file, and
// scavenging a small semi-space over and over costs ~3x per retained object (measured).
import { register } from 'tsx/esm/api';
register();
await import('../framework/cli/main.ts');
