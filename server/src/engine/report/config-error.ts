// A problem with the user's setup files (config, baseline, CLI overrides), as opposed to a problem with their code.
// The CLI prints `message` as its one-line reason and exits 2; the language server turns it into one diagnostic on the
// config file, which is why the offending node's position travels with the error.

export interface ConfigErrorLocation {
  /** Absolute path of the file at fault. */
  file: string;
  /** 0-based offset and length of the offending key or value in that file, when known. */
  offset: number;
  length: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    /** One line: the file, the key path and the problem. */
    message: string,
    /** Where in the document the problem is, e.g. `rules.sync-call-chain[1].maxServices`; '' for the whole file. */
    readonly keyPath: string = '',
    readonly location?: ConfigErrorLocation,
  ) {
    super(message);
  }
}
