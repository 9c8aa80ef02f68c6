/**
 * projectx-ts public API for paper and live trading: sessions, recordings, parity, the ProjectX
 * adapter and the local ProjectX-compatible gateway. Named exports only. (The strategy-facing API is
 * framework/index.ts.)
 */
export { createPaperSession } from './suite/paper-preset.ts';
export { createLiveSession } from './suite/live-preset.ts';
export { LiveSession } from './suite/live-session.ts';
export { runRecordingBacktest } from './suite/replay-preset.ts';
export { compareSessions, compareTrades } from './suite/parity.ts';
export type { ParityReport } from './suite/parity.ts';
export { RecordingReplayFeed } from './feed/recording-replay-feed.ts';
export { ProjectXFeed } from './adapters/projectx/projectx-feed.ts';
export { ProjectXBroker } from './adapters/projectx/projectx-broker.ts';
export { ProjectXRestClient } from './adapters/projectx/rest-client.ts';
export { startGateway } from './adapters/projectx-gateway/gateway-server.ts';

export { ContractResolver } from './adapters/projectx/contracts.ts';
export { MarketHubClient } from './adapters/projectx/market-hub.ts';
export { UserHubClient } from './adapters/projectx/user-hub.ts';
export { loadConnectionConfig, describeConnection } from './config/connection-config.ts';
