// A failed custom request, in words: "the server does not support it" reads better than a JSON-RPC error code.
import { ErrorCodes, ResponseError } from 'vscode-languageclient/node';

export function isMethodNotFound(error: unknown): boolean {
  return error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound;
}

export function describeRequestError(error: unknown, method: string): string {
  if (isMethodNotFound(error)) return `this version of the seamlint server does not answer ${method}.`;
  return error instanceof Error ? error.message : String(error);
}
