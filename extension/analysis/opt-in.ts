/**
 * Which files the editor analyses (issue 19, "quiet"): a file that imports `gradlens`, or that opts in with
 * a `// @gradlens` comment. Read from the parse tree, never from the text alone: a test file that holds
 * `import { tensor } from 'gradlens'` inside a string, or a comment that only mentions `@gradlens` inside
 * a string literal, does not opt in.
 */
import ts from 'typescript';

export const ENGINE_MODULE = 'gradlens';

/** `// @gradlens` (also `// @gradlens target`): a line comment that starts with the marker. */
const OPT_IN_COMMENT = /\/\/[ \t]*@gradlens(?![\w-])/g;

/** Tokens whose text can hold `//` without it starting a comment. */
const LITERALS: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.StringLiteral, ts.SyntaxKind.NoSubstitutionTemplateLiteral, ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle, ts.SyntaxKind.TemplateTail, ts.SyntaxKind.RegularExpressionLiteral, ts.SyntaxKind.JsxText,
]);

/** Why a file is analysed, or undefined when it is not. */
export type OptIn = 'imports' | 'comment';

export function optIn(sf: ts.SourceFile): OptIn | undefined {
  if (importsEngine(sf)) return 'imports';
  return hasOptInComment(sf) ? 'comment' : undefined;
}

/** A top-level `import … from 'gradlens'`, `export … from 'gradlens'` or `import x = require('gradlens')` (type-only ones do not count). */
export function importsEngine(sf: ts.SourceFile): boolean {
  return sf.statements.some((s) => {
    if (ts.isImportDeclaration(s)) return !s.importClause?.isTypeOnly && isEngine(s.moduleSpecifier);
    if (ts.isExportDeclaration(s)) return !s.isTypeOnly && s.moduleSpecifier !== undefined && isEngine(s.moduleSpecifier);
    if (ts.isImportEqualsDeclaration(s)) return !s.isTypeOnly && ts.isExternalModuleReference(s.moduleReference) && isEngine(s.moduleReference.expression);
    return false;
  });
}

function isEngine(e: ts.Expression): boolean {
  return ts.isStringLiteral(e) && e.text === ENGINE_MODULE;
}

/** A `// @gradlens` that starts a line comment: each textual match is checked against the parse tree. */
export function hasOptInComment(sf: ts.SourceFile): boolean {
  for (const m of sf.text.matchAll(OPT_IN_COMMENT)) if (startsLineComment(sf, m.index ?? 0)) return true;
  return false;
}

/**
 * True when a line comment starts at `pos`. The deepest node holding `pos` tells: inside a literal's text it
 * is not a comment; otherwise `pos` lies in a stretch of trivia and punctuation (no literal: those are nodes),
 * which the scanner reads from the end of the child before it without mistaking anything.
 */
function startsLineComment(sf: ts.SourceFile, pos: number): boolean {
  let node: ts.Node = sf;
  for (;;) {
    const next: ts.Node | undefined = ts.forEachChild(node, (c) => (c.pos <= pos && pos < c.end ? c : undefined));
    if (!next) break;
    node = next;
  }
  if (LITERALS.has(node.kind) && pos >= node.getStart(sf)) return false;
  let from = node.pos;
  ts.forEachChild(node, (c) => {
    if (c.end <= pos) from = Math.max(from, c.end);
  });
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, false, sf.languageVariant, sf.text, undefined, from, pos + 2 - from);
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (scanner.getTokenEnd() <= pos) continue;
    return kind === ts.SyntaxKind.SingleLineCommentTrivia && scanner.getTokenStart() === pos;
  }
  return false;
}
