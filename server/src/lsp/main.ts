// The language server's entry point (bundled to dist/server.js). The transport comes from the command line, as
// vscode-languageserver reads it: --stdio, --node-ipc, --socket=<port> or --pipe=<name>.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { findPackageRoot, readPackageVersion } from '../cli/package-root.js';
import { SeamlintServer } from './server.js';

const connection = createConnection(ProposedFeatures.all);
// Last line of defence: an error that escaped every handler guard is logged, and the server keeps serving.
process.on('uncaughtException', (error) => connection.console.error(`seamlint: uncaught: ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => connection.console.error(`seamlint: unhandled rejection: ${String(reason)}`));
new SeamlintServer(connection, readPackageVersion(findPackageRoot(__dirname))).listen();
