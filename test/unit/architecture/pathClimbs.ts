// Static scan for paths that leave the project root: relative module specifiers, and paths built
// with node:path / node:url from the file's own location, the working directory (the root under
// npm and vitest) or constants holding those. Only literal parts are evaluated: an expression
// with an unknown part is judged on its known prefix, never guessed. Used by selfContained.test.ts.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export interface PathUse {
  file: string;
  line: number;
  code: string;
  /** Absolute path the expression resolves to (or its known prefix). */
  resolved: string;
}

type Value = { kind: 'text'; value: string } | { kind: 'path'; value: string } | { kind: 'url'; value: string };

const PATH_MODULES = new Set(['path', 'node:path', 'url', 'node:url']);
const PATH_FUNCTIONS = new Set(['resolve', 'join', 'dirname', 'fileURLToPath']);
const MODULE_CALLS = new Set(['require', 'mock', 'doMock', 'importActual', 'unmock']);

/** True when `target` is the root itself or inside it. */
export function insideRoot(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Every path expression of one source file that the scan could evaluate. */
export function pathUses(root: string, relFile: string, text: string): PathUse[] {
  const file = path.join(root, relFile);
  const dir = path.dirname(file);
  const source = ts.createSourceFile(relFile, text, ts.ScriptTarget.Latest, true);
  const pathFunctions = new Map<string, string>();
  const pathNamespaces = new Set<string>();
  const constants = new Map<string, ts.Expression | null>();
  const uses: PathUse[] = [];

  const collect = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && PATH_MODULES.has(node.moduleSpecifier.text)) {
      const clause = node.importClause;
      if (clause?.name) pathNamespaces.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) pathNamespaces.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) {
        for (const el of bindings.elements) pathFunctions.set(el.name.text, (el.propertyName ?? el.name).text);
      }
    }
    // A name declared twice (shadowing) is ambiguous: it is dropped rather than guessed.
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      constants.set(node.name.text, constants.has(node.name.text) ? null : (node.initializer ?? null));
    }
    ts.forEachChild(node, collect);
  };
  collect(source);

  const functionName = (callee: ts.Expression): string | undefined => {
    if (ts.isIdentifier(callee)) return pathFunctions.get(callee.text);
    if (!ts.isPropertyAccessExpression(callee) || !PATH_FUNCTIONS.has(callee.name.text)) return undefined;
    let owner = callee.expression;
    if (ts.isPropertyAccessExpression(owner) && (owner.name.text === 'posix' || owner.name.text === 'win32')) owner = owner.expression;
    return ts.isIdentifier(owner) && pathNamespaces.has(owner.text) ? callee.name.text : undefined;
  };

  const isImportMeta = (node: ts.Expression, property: string) =>
    ts.isPropertyAccessExpression(node) && ts.isMetaProperty(node.expression) && node.expression.keywordToken === ts.SyntaxKind.ImportKeyword && node.name.text === property;

  const evaluating = new Set<string>();
  const evaluate = (node: ts.Expression): Value | undefined => {
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node)) return evaluate(node.expression);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return { kind: 'text', value: node.text };
    if (ts.isIdentifier(node)) {
      if (node.text === '__dirname') return { kind: 'path', value: dir };
      if (node.text === '__filename') return { kind: 'path', value: file };
      const init = constants.get(node.text);
      if (!init || evaluating.has(node.text)) return undefined;
      evaluating.add(node.text);
      try {
        return evaluate(init);
      } finally {
        evaluating.delete(node.text);
      }
    }
    if (isImportMeta(node, 'dirname')) return { kind: 'path', value: dir };
    if (isImportMeta(node, 'filename')) return { kind: 'path', value: file };
    if (isImportMeta(node, 'url')) return { kind: 'url', value: pathToFileURL(file).href };
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
      const [spec, base] = (node.arguments ?? []).map(evaluate);
      if (spec?.kind !== 'text' || base?.kind !== 'url') return undefined;
      return { kind: 'url', value: new URL(spec.value, base.value).href };
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'process' && callee.name.text === 'cwd') {
        return { kind: 'path', value: root };
      }
      const fn = functionName(callee);
      if (fn) return callPathFunction(fn, node.arguments.map(evaluate));
    }
    return undefined;
  };

  const callPathFunction = (fn: string, args: Array<Value | undefined>): Value | undefined => {
    const first = args[0];
    if (fn === 'fileURLToPath') return first?.kind === 'url' && first.value.startsWith('file:') ? { kind: 'path', value: fileURLToPath(first.value) } : undefined;
    if (fn === 'dirname') return first?.kind === 'path' ? { kind: 'path', value: path.dirname(first.value) } : undefined;
    // Judge the known prefix: a climb before an unknown part is still a climb.
    const known: string[] = [];
    for (const arg of args) {
      if (arg?.kind !== 'text' && arg?.kind !== 'path') break;
      known.push(arg.value);
    }
    if (known.length === 0) return undefined;
    const anchored = first?.kind === 'path';
    if (fn === 'join') return anchored ? { kind: 'path', value: path.join(...known) } : { kind: 'text', value: path.join(...known) };
    // resolve() starts from the working directory, which is the root for npm scripts and vitest;
    // an absolute literal restarts it, and an absolute literal is data, not a climb from the root.
    const restarted = args.some((arg) => arg?.kind === 'text' && path.isAbsolute(arg.value));
    return { kind: restarted ? 'text' : 'path', value: path.resolve(root, ...known) };
  };

  const record = (node: ts.Node, resolved: string) => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    uses.push({ file: relFile, line, code: node.getText(source).replace(/\s+/g, ' '), resolved });
  };

  const moduleSpecifier = (node: ts.Node): ts.StringLiteralLike | undefined => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) return node.moduleSpecifier;
    if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) return node.argument.literal;
    if (!ts.isCallExpression(node)) return undefined;
    const [arg] = node.arguments;
    if (!arg || !ts.isStringLiteralLike(arg)) return undefined;
    const callee = node.expression;
    const isModuleCall =
      callee.kind === ts.SyntaxKind.ImportKeyword ||
      (ts.isIdentifier(callee) && MODULE_CALLS.has(callee.text)) ||
      (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'vi' && MODULE_CALLS.has(callee.name.text));
    return isModuleCall ? arg : undefined;
  };

  const visit = (node: ts.Node): void => {
    const spec = moduleSpecifier(node);
    if (spec && spec.text.startsWith('.')) record(node, path.resolve(dir, spec.text));
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const value = evaluate(node);
      if (value?.kind === 'path') record(node, value.value);
      if (value?.kind === 'url' && value.value.startsWith('file:')) record(node, fileURLToPath(value.value));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

/** `$(dirname "$0")/…` and `${BASH_SOURCE%/*}/…` in shell scripts, resolved from the script's folder. */
export function shellPathUses(root: string, relFile: string, text: string): PathUse[] {
  const dir = path.dirname(path.join(root, relFile));
  const uses: PathUse[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/(?:\$\(dirname "?\$(?:0|\{?BASH_SOURCE(?:\[0\])?\}?)"?\)|\$\{BASH_SOURCE(?:\[0\])?%\/\*\})\/([^\s"')]*)/g)) {
      uses.push({ file: relFile, line: i + 1, code: m[0], resolved: path.resolve(dir, m[1] ?? '') });
    }
  });
  return uses;
}
