// What main.ts hands the `services` command: the graph source, the services with their evidence and every package.
import type { AnalysisResult } from '../../engine/analyze.js';
import type { CliServicesSource } from '../cli-context.js';
import { graphSourceOf } from '../graph/from-analysis.js';

export function servicesSourceOf(result: Pick<AnalysisResult, 'root' | 'model' | 'problems' | 'summary'>): CliServicesSource {
  return { ...graphSourceOf(result), summary: result.summary, services: result.model.services, packages: result.model.packages };
}
