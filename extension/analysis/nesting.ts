/**
 * Nesting too deep for the parser and the interpreter, found before parsing. Both recurse once (or
 * more) per level of brackets, blocks, ternaries and arrow functions, and their stacks end near 800
 * levels of parentheses on a 1 MB stack (measured on the TypeScript parser, which fails first). A
 * token scan (ts.createScanner, no tree) counts the levels; a construct deeper than the limit is
 * blanked (spaces, line breaks kept, so every offset and line stays where it was) and reported, and
 * the rest of the file is analysed as usual.
 *
 * What counts as a level: an open ( [ { or `${`, and within one bracket level each `?` and `=>` of a
 * chain (`a ? b ? c : d : e`, `() => () => x`), until the expression ends: `;` or `,`, a keyword that
 * starts a statement, or a line break between a token that can end an expression and a word. An
 * `else` counts a quarter of a level (the parser survives ~5 times more `else if`s than parentheses),
 * until an `if` that does not follow it or another statement keyword starts a new statement.
 */
import ts from 'typescript';

/** Levels allowed; a third of what the parser survives on the smallest stack the analyzer runs on. */
export const MAX_NESTING = 256;

export interface DeepNesting {
  /** The token where the nesting passed the limit. */
  start: number;
  end: number;
  /** The top-level statement that holds it: from its first token to the end of the line where it closes. */
  regionStart: number;
  regionEnd: number;
}

const SK = ts.SyntaxKind;
const OPENERS = new Set([SK.OpenParenToken, SK.OpenBracketToken, SK.OpenBraceToken]);
const CLOSERS = new Set([SK.CloseParenToken, SK.CloseBracketToken, SK.CloseBraceToken]);
const CHAINS = new Set([SK.QuestionToken, SK.EqualsGreaterThanToken]);
const ENDS_EXPRESSION = new Set([
  SK.Identifier, SK.PrivateIdentifier, SK.NumericLiteral, SK.BigIntLiteral, SK.StringLiteral, SK.RegularExpressionLiteral,
  SK.NoSubstitutionTemplateLiteral, SK.TemplateTail, SK.CloseParenToken, SK.CloseBracketToken, SK.CloseBraceToken,
  SK.ThisKeyword, SK.SuperKeyword, SK.TrueKeyword, SK.FalseKeyword, SK.NullKeyword, SK.PlusPlusToken, SK.MinusMinusToken,
  // the end of a type annotation (`a?: number` on its own line, `f(): void`, `Array<T>`)
  SK.AnyKeyword, SK.NumberKeyword, SK.StringKeyword, SK.BooleanKeyword, SK.UnknownKeyword, SK.NeverKeyword, SK.ObjectKeyword,
  SK.SymbolKeyword, SK.BigIntKeyword, SK.UndefinedKeyword, SK.VoidKeyword, SK.GreaterThanToken,
]);
const STATEMENT_KEYWORDS = new Set([
  SK.ConstKeyword, SK.LetKeyword, SK.VarKeyword, SK.IfKeyword, SK.ForKeyword, SK.WhileKeyword, SK.DoKeyword,
  SK.ReturnKeyword, SK.SwitchKeyword, SK.TryKeyword, SK.ThrowKeyword, SK.ImportKeyword, SK.ExportKeyword,
]);

/** One open bracket (or the file's top level): its kind and the chains counted inside it. */
interface Level {
  kind: ts.SyntaxKind;
  chain: number;
  elses: number;
}

/** Levels an `else` of an `else if` chain counts for. */
const ELSE_WEIGHT = 0.25;

function isWord(kind: ts.SyntaxKind): boolean {
  return kind === SK.Identifier || (kind >= SK.FirstKeyword && kind <= SK.LastKeyword);
}

/**
 * A character count that is never below the token scan's depth by more than the brackets inside
 * strings and comments: open minus closed brackets, every `?` and `=>` since the last `;` or `,`, and a
 * quarter of every `else`. Ordinary files stay far below half the limit, so most analyses skip the token
 * scan (0.4 ms of a 250-line file's ~9 ms analysis; this loop is ~20 times cheaper).
 */
function mayNestDeeply(text: string, limit: number): boolean {
  let depth = 0, chain = 0, elses = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28 || c === 0x5b || c === 0x7b) depth++; // ( [ {
    else if (c === 0x29 || c === 0x5d || c === 0x7d) depth--; // ) ] }
    else if (c === 0x3f || (c === 0x3e && text.charCodeAt(i - 1) === 0x3d)) chain++; // ? =>
    else if (c === 0x3b || c === 0x2c) chain = 0; // ; ,
    else if (c === 0x65 && text.startsWith('else', i)) elses++;
    else continue;
    if (depth + chain + ELSE_WEIGHT * elses > limit / 2) return true;
  }
  return false;
}

/** Every construct nested deeper than `limit`, in source order (at most `max` of them). */
export function findDeepNesting(text: string, jsx: boolean, limit = MAX_NESTING, max = 20): DeepNesting[] {
  if (!mayNestDeeply(text, limit)) return [];
  const scanner = ts.createScanner(ts.ScriptTarget.ES2022, true, jsx ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard, text);
  const scan = new Depth();
  const found: DeepNesting[] = [];
  let prev: ts.SyntaxKind = SK.Unknown;
  let prevEnd = 0;
  let topStatement = 0;
  let hit: { start: number; end: number; regionStart: number } | undefined;
  for (let kind = scanner.scan(); kind !== SK.EndOfFileToken && found.length < max; kind = scanner.scan()) {
    if ((kind === SK.SlashToken || kind === SK.SlashEqualsToken) && !ENDS_EXPRESSION.has(prev)) kind = scanner.reScanSlashToken();
    const startsStatement = STATEMENT_KEYWORDS.has(kind) || (scanner.hasPrecedingLineBreak() && isWord(kind) && ENDS_EXPRESSION.has(prev));
    scan.ends(kind, prev, startsStatement);
    if (hit !== undefined && scan.depth === 0) {
      // this token starts the next statement: the deep one ended with the previous token
      found.push({ ...hit, regionEnd: prevEnd });
      hit = undefined;
    }
    const continues = kind === SK.ElseKeyword || kind === SK.CatchKeyword || kind === SK.FinallyKeyword;
    if (scan.depth === 0 && !continues && (startsStatement || prev === SK.SemicolonToken || prev === SK.Unknown)) topStatement = scanner.getTokenStart();
    kind = scan.opens(kind, scanner);
    if (hit === undefined && scan.depth > limit) hit = { start: scanner.getTokenStart(), end: scanner.getTokenEnd(), regionStart: topStatement };
    if (hit !== undefined && scan.depth === 0) {
      found.push({ ...hit, regionEnd: lineEnd(text, scanner.getTokenEnd()) });
      hit = undefined;
    }
    prev = kind;
    prevEnd = scanner.getTokenEnd();
  }
  if (hit !== undefined) found.push({ ...hit, regionEnd: text.length });
  return found;
}

/** The levels open at the scanner's position (see the file comment for what counts). */
class Depth {
  private readonly levels: Level[] = [{ kind: SK.Unknown, chain: 0, elses: 0 }];
  private chains = 0;
  private elses = 0;

  get depth(): number {
    return this.levels.length - 1 + this.chains + ELSE_WEIGHT * this.elses;
  }

  /** What `kind` ends before it counts: the chains of an expression, the `else`s of a statement. */
  ends(kind: ts.SyntaxKind, prev: ts.SyntaxKind, startsStatement: boolean): void {
    if (startsStatement || kind === SK.SemicolonToken || kind === SK.CommaToken) this.endChain();
    if (STATEMENT_KEYWORDS.has(kind) && !(kind === SK.IfKeyword && prev === SK.ElseKeyword)) this.endElses();
  }

  /** What `kind` opens or closes; returns the kind as re-scanned (a template's middle or tail). */
  opens(kind: ts.SyntaxKind, scanner: ts.Scanner): ts.SyntaxKind {
    const top = this.levels[this.levels.length - 1];
    if (OPENERS.has(kind) || kind === SK.TemplateHead) this.levels.push({ kind, chain: 0, elses: 0 });
    else if (CHAINS.has(kind)) {
      top.chain++;
      this.chains++;
    } else if (kind === SK.ElseKeyword) {
      top.elses++;
      this.elses++;
    } else if (CLOSERS.has(kind) && this.levels.length > 1) {
      if (top.kind === SK.TemplateHead && kind === SK.CloseBraceToken && scanner.reScanTemplateToken(false) === SK.TemplateMiddle) return SK.TemplateMiddle;
      this.endChain();
      this.endElses();
      this.levels.pop();
      if (top.kind === SK.TemplateHead) return SK.TemplateTail;
    }
    return kind;
  }

  private endChain(): void {
    const top = this.levels[this.levels.length - 1];
    this.chains -= top.chain;
    top.chain = 0;
  }

  private endElses(): void {
    const top = this.levels[this.levels.length - 1];
    this.elses -= top.elses;
    top.elses = 0;
  }
}

const LINE_BREAK = /[\r\n\u2028\u2029]/;

function lineEnd(text: string, pos: number): number {
  let i = pos;
  while (i < text.length && !LINE_BREAK.test(text[i])) i++;
  return i;
}

/** The start of the line that holds `pos`. */
export function lineStart(text: string, pos: number): number {
  let i = Math.min(pos, text.length);
  while (i > 0 && !LINE_BREAK.test(text[i - 1])) i--;
  return i;
}

/** `text` with [start, end) of each span replaced by spaces, line breaks kept (offsets and lines unchanged). */
export function blankSpans(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + text.slice(s.start, s.end).replace(/[^\r\n\u2028\u2029]/g, ' ');
    at = s.end;
  }
  return out + text.slice(at);
}
