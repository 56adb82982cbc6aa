// Outbound databases: where each database connection's location (URL, connection string, host) is written.
// hardcoded-endpoint reports at these values; shared-database (a) compares them across services.
import type { FactsAdapter } from '../facts/adapter.js';
import { endpointSink } from '../facts/config-objects.js';
import { databaseConnectionOf } from './database-clients.js';

export const databasesAdapter: FactsAdapter = {
  name: 'databases',
  extract(file, facts) {
    for (const node of [...file.calls, ...file.constructions]) {
      const connection = databaseConnectionOf(file, node);
      if (connection?.setting) facts.endpointSinks.push(endpointSink(file, connection.node, 'database', connection.library, connection.setting));
    }
  },
};
