/** A target the user picked: by name (and line when the name repeats), or a `// @gradlens target` comment. */
import type * as ts from 'typescript';
import type { TargetSpec } from './trace';
import type { RunContext } from './context';
import type { TargetChoice } from './gradients';

const TARGET_COMMENT = /\/\/\s*@gradlens\s+target\b/;

/** The binding on the line of the last `// @gradlens target` comment, as a target spec. */
export function targetFromComment(sf: ts.SourceFile): TargetSpec | undefined {
  let last = -1;
  for (const m of sf.text.matchAll(new RegExp(TARGET_COMMENT, 'g'))) last = m.index ?? last;
  if (last < 0) return undefined;
  return { name: '', line: sf.getLineAndCharacterOfPosition(last).line + 1 };
}

export function findUserTarget(ctx: RunContext, spec: TargetSpec): TargetChoice | undefined {
  const records = ctx.recorder.all();
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    const nameOk = spec.name === '' || r.name === spec.name;
    const lineOk = spec.line === undefined || r.range.line === spec.line || (spec.name === '' && r.statementEndLine === spec.line);
    if (nameOk && lineOk && r.tensor) return { kind: 'user', tensor: r.tensor, record: r };
  }
  const where = spec.line ? { line: spec.line, column: 1, endLine: spec.line, endColumn: 1 } : { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const what = spec.name ? `'${spec.name}'${spec.line ? ` at line ${spec.line}` : ''}` : `on line ${spec.line}`;
  ctx.report(where, 'warning', 'target', `No tensor binding ${what} to use as the target; using the default target`);
  return undefined;
}
