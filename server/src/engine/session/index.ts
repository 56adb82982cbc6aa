// Incremental analysis for editors: a long-lived session over one workspace (see workspace-session.ts).
export { WorkspaceSession } from './workspace-session.js';
export { configFileOf, type ConfigOptions, type ConfigProblem } from './config-state.js';
export { crossFileDigest } from './digest.js';
export type { CancellationToken } from './time-slice.js';
export type { AnalysisProgress, FileEvent, FileEventType, SessionAnalysis, SessionAnalyzeOptions, SessionOptions } from './types.js';
