// NestJS handlers: `@Controller(prefix | { path, version })` classes whose methods carry `@Get(path)` … `@All(path)`,
// `@Version(v)`, `@MessagePattern(pattern)` or `@EventPattern(pattern)`; and the bootstrap's `app.setGlobalPrefix()`
// and `app.enableVersioning()`, which change every route of the service (the model applies them).
import ts from 'typescript';
import { grpcPattern } from '../facts/grpc.js';
import type { ExtractedFacts } from '../facts/adapter.js';
import { NEUTRAL_VERSION, type EndpointFact, type GlobalPrefixFact } from '../facts/endpoint-types.js';
import type { FileIndex } from '../facts/file-index.js';
import { functionIdOf } from '../facts/function-ids.js';
import { originOf, pathEquals, type ValueOrigin } from '../facts/origins.js';
import { isNestApplication } from './nest-application.js';
import { canonicalPattern, joinRoutePaths } from '../facts/route-paths.js';
import { objectLiteralOf, propertyValue } from '../facts/config-objects.js';
import { calledMethod, staticPropertyName, unwrapExpression } from '../facts/syntax.js';
import type { HttpMethod } from '../facts/types.js';
import { localString, pathValues, type PathValue } from './routes-values.js';

const COMMON = '@nestjs/common';
const MICROSERVICES = '@nestjs/microservices';

const HTTP_DECORATORS: Readonly<Record<string, HttpMethod | 'ALL'>> = {
  Get: 'GET', Post: 'POST', Put: 'PUT', Patch: 'PATCH', Delete: 'DELETE', Head: 'HEAD', Options: 'OPTIONS', All: 'ALL',
};

const VERSIONING_TYPES: Readonly<Record<string, NonNullable<GlobalPrefixFact['versioning']>['type']>> = {
  URI: 'uri', HEADER: 'header', MEDIA_TYPE: 'media-type', CUSTOM: 'custom',
};

export function collectNestEndpoints(file: FileIndex, facts: ExtractedFacts): void {
  for (const cls of file.classes) {
    const classDecorators = decoratorsOf(file, cls);
    const controller = classDecorators.find((decorator) => decorator.name === 'Controller' && decorator.module === COMMON);
    if (controller) collectController(file, cls, controller.args, facts, grpcServiceOf(classDecorators));
  }
  for (const call of file.calls) {
    const fact = globalPrefixFact(file, call);
    if (fact) facts.globalPrefixes.push(fact);
  }
}

interface Decorator {
  module: string;
  name: string;
  args: readonly ts.Expression[];
}

/** Decorator calls whose callee is a named export of a module: `@Get(':id')` with Get from @nestjs/common. */
function decoratorsOf(file: FileIndex, node: ts.Node): Decorator[] {
  const found: Decorator[] = [];
  for (const decorator of (ts.canHaveDecorators(node) ? ts.getDecorators(node) : undefined) ?? []) {
    const expression = decorator.expression;
    if (!ts.isCallExpression(expression)) continue;
    const origin = originOf(file, expression.expression);
    if (origin && origin.path.length === 1) found.push({ module: origin.module, name: origin.path[0]!, args: expression.arguments });
  }
  return found;
}

/**
 * ts-proto's generated class decorator `@PaymentsServiceControllerMethods()` applies `GrpcMethod('PaymentsService', m)`
 * to each method of the proto service: the class serves that gRPC service.
 */
function grpcServiceOf(decorators: readonly Decorator[]): string | undefined {
  const generated = decorators.find((decorator) => /^\w+ControllerMethods$/.test(decorator.name) && decorator.args.length === 0);
  return generated?.name.replace(/ControllerMethods$/, '');
}

function collectController(file: FileIndex, cls: ts.ClassLikeDeclaration, args: readonly ts.Expression[], facts: ExtractedFacts, grpcService?: string): void {
  const options = objectLiteralOf(file, args[0]);
  const pathArgument = options ? propertyValue(file, options, 'path') : args[0];
  const prefixes: PathValue[] = pathArgument ? pathValues(file, pathArgument) : [{ path: '' }];
  const versionArgument = options && propertyValue(file, options, 'version');
  const controllerVersion = versionArgument ? versionsOf(file, versionArgument) : undefined;

  for (const member of cls.members) {
    if (!ts.isMethodDeclaration(member) || !member.body) continue;
    const decorators = decoratorsOf(file, member);
    const handler = { functionId: functionIdOf(member, file), span: file.span(member) };
    const base = { ...file.span(member), framework: 'nestjs', handler };
    const versionDecorator = decorators.find((decorator) => decorator.module === COMMON && decorator.name === 'Version');
    const version = versionDecorator?.args[0] ? versionsOf(file, versionDecorator.args[0]) : controllerVersion;

    for (const decorator of decorators) {
      const method = decorator.module === COMMON ? HTTP_DECORATORS[decorator.name] : undefined;
      if (method) {
        const ownPaths: PathValue[] = decorator.args[0] ? pathValues(file, decorator.args[0]) : [{ path: '' }];
        for (const prefix of prefixes) {
          for (const own of ownPaths) {
            const fact: EndpointFact = { ...base, kind: 'http', method };
            // A part this file cannot fold leaves the whole path to the model only when it is the only unknown part.
            if (prefix.path !== undefined && own.path !== undefined) fact.path = joinRoutePaths(prefix.path, own.path);
            else if (prefix.path === '' && own.span) fact.pathSpan = own.span;
            else if (own.path === '' && prefix.span) fact.pathSpan = prefix.span;
            if (version) fact.version = version;
            facts.endpoints.push(fact);
          }
        }
      }
      if (decorator.module === MICROSERVICES && (decorator.name === 'MessagePattern' || decorator.name === 'EventPattern')) {
        const kind = decorator.name === 'MessagePattern' ? 'rpc' : 'event';
        for (const pattern of patternsOf(file, decorator.args[0])) facts.endpoints.push({ ...base, kind, ...pattern });
      }
      // `@GrpcMethod('HeroesService', 'FindOne')`; the method name defaults to the handler's.
      if (decorator.module === MICROSERVICES && decorator.name === 'GrpcMethod' && decorator.args[0]) {
        const service = localString(file, decorator.args[0]);
        const method = decorator.args[1] ? localString(file, decorator.args[1]) : member.name.getText(file.sourceFile);
        if (service && method) facts.endpoints.push({ ...base, kind: 'rpc', pattern: grpcPattern(service, method) });
      }
    }
    const isPublic = !ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword);
    if (grpcService && isPublic && ts.isIdentifier(member.name)) facts.endpoints.push({ ...base, kind: 'rpc', pattern: grpcPattern(grpcService, member.name.text) });
  }
}

/** `'2'`, `['1', '2']`, `VERSION_NEUTRAL`; undefined when not statically known. */
function versionsOf(file: FileIndex, expression: ts.Expression): string[] | undefined {
  const node = unwrapExpression(expression);
  const elements = ts.isArrayLiteralExpression(node) ? node.elements : [node];
  const versions: string[] = [];
  for (const element of elements) {
    if (ts.isSpreadElement(element)) return undefined;
    if (isCommonExport(originOf(file, element), 'VERSION_NEUTRAL')) {
      versions.push(NEUTRAL_VERSION);
      continue;
    }
    const value = localString(file, element);
    if (value === undefined) return undefined;
    versions.push(value);
  }
  return versions;
}

/** A pattern argument: a string, an object (canonical JSON), or an array of those; else the expression to fold. */
function patternsOf(file: FileIndex, expression: ts.Expression | undefined, nested = false): Array<Pick<EndpointFact, 'pattern' | 'patternSpan'>> {
  if (!expression) return [{}];
  const node = unwrapExpression(expression);
  if (ts.isArrayLiteralExpression(node) && !nested) {
    return node.elements.flatMap((element) => (ts.isSpreadElement(element) ? [] : patternsOf(file, element, true)));
  }
  const value = staticValue(file, node, 8);
  if (value !== undefined) return [{ pattern: canonicalPattern(value) }];
  return [{ patternSpan: file.span(node) }];
}

/** The JSON value an expression denotes in this file: strings (folded locally), numbers, booleans, objects and arrays of them. */
function staticValue(file: FileIndex, expression: ts.Expression, budget: number): unknown {
  if (budget < 0) return undefined;
  const text = localString(file, expression);
  if (text !== undefined) return text;
  const node = unwrapExpression(expression);
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  const object = objectLiteralOf(file, node);
  if (object) {
    const result: Record<string, unknown> = {};
    for (const property of object.properties) {
      if (!ts.isPropertyAssignment(property) && !ts.isShorthandPropertyAssignment(property)) return undefined;
      const key = staticPropertyName(property.name);
      if (key === undefined) return undefined;
      const value = staticValue(file, ts.isPropertyAssignment(property) ? property.initializer : property.name, budget - 1);
      if (value === undefined) return undefined;
      result[key] = value;
    }
    return result;
  }
  if (ts.isArrayLiteralExpression(node)) {
    const items = node.elements.map((element) => (ts.isSpreadElement(element) ? undefined : staticValue(file, element, budget - 1)));
    return items.every((item) => item !== undefined) ? items : undefined;
  }
  return undefined;
}

/** `app.setGlobalPrefix('api', { exclude })` and `app.enableVersioning({ type, prefix, defaultVersion })` on a Nest application. */
function globalPrefixFact(file: FileIndex, call: ts.CallExpression): GlobalPrefixFact | undefined {
  const method = calledMethod(call);
  if (!method || (method.name !== 'setGlobalPrefix' && method.name !== 'enableVersioning')) return undefined;
  if (!isNestApplication(originOf(file, method.receiver))) return undefined;
  const fact: GlobalPrefixFact = { ...file.span(call), framework: 'nestjs' };
  const [first, second] = call.arguments;
  if (method.name === 'setGlobalPrefix') {
    if (!first) return undefined;
    const prefix = localString(file, first);
    if (prefix !== undefined) fact.prefix = joinRoutePaths(prefix);
    else fact.prefixSpan = file.span(unwrapExpression(first));
    const options = objectLiteralOf(file, second);
    const exclude = options && propertyValue(file, options, 'exclude');
    if (exclude) fact.exclude = excludedPaths(file, exclude);
    return fact;
  }
  const options = objectLiteralOf(file, first);
  // `enableVersioning()` without options means URI versioning, Nest's default.
  const typeExpression = options ? propertyValue(file, options, 'type') : undefined;
  const typeOrigin = typeExpression && originOf(file, typeExpression);
  const type = !first ? 'uri' : typeOrigin?.module === COMMON && typeOrigin.path[0] === 'VersioningType' ? VERSIONING_TYPES[typeOrigin.path[1] ?? ''] : undefined;
  const prefixExpression = options && propertyValue(file, options, 'prefix');
  const prefix = !prefixExpression ? 'v' : unwrapExpression(prefixExpression).kind === ts.SyntaxKind.FalseKeyword ? '' : (localString(file, prefixExpression) ?? 'v');
  const defaultExpression = options && propertyValue(file, options, 'defaultVersion');
  const defaultVersion = defaultExpression && versionsOf(file, defaultExpression);
  fact.versioning = { prefix };
  if (type) fact.versioning.type = type;
  if (defaultVersion) fact.versioning.defaultVersion = defaultVersion;
  return fact;
}

/** `exclude: ['health', { path: 'metrics', method: RequestMethod.GET }]`: canonical paths (methods are not told apart). */
function excludedPaths(file: FileIndex, expression: ts.Expression): string[] {
  const node = unwrapExpression(expression);
  if (!ts.isArrayLiteralExpression(node)) return [];
  const paths: string[] = [];
  for (const element of node.elements) {
    if (ts.isSpreadElement(element)) continue;
    const route = objectLiteralOf(file, element);
    const pathExpression = route ? propertyValue(file, route, 'path') : element;
    for (const value of pathExpression ? pathValues(file, pathExpression) : []) if (value.path !== undefined) paths.push(value.path);
  }
  return paths;
}

function isCommonExport(origin: ValueOrigin | undefined, name: string): boolean {
  return origin?.module === COMMON && pathEquals(origin.path, [name]);
}

