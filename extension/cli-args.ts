/** The command line of `gradlens annotate`: parsed and checked, every mistake a UsageError (exit 2). */
import type { TargetSpec } from './analysis/trace';
import { CLI_FLAGS, type BudgetName } from './analysis/budget-names';
import { DEFAULTS } from './settings';

export const USAGE = `Usage: gradlens annotate FILE.ts [options]

Prints FILE.ts with each tensor's value and gradient beside the line that makes it.

Options:
  --json                 print the trace (one JSON document) instead of the annotated source
  --target NAME[@LINE]   differentiate this binding instead of the default target
  --graph OUT.dot|OUT.svg  write the autograd graph of the target
  --color / --no-color   force ANSI colours on or off (default: on when stdout is a terminal)
  --max-steps N          interpreter steps (default ${DEFAULTS.maxSteps})
  --max-elements N       tensor elements allocated (default ${DEFAULTS.maxElements})
  --max-compute N        units of work of costly ops: conv, matmul, reductions, printing (default ${DEFAULTS.maxCompute})
  --max-time-ms N        wall-clock time of the analysis (default 10000)
  --max-memory-mb N      heap of the analysis process, in MB (default 512)
  -h, --help             show this help
`;

export class UsageError extends Error {}

export interface ParsedArgs {
  file: string;
  json: boolean;
  target?: TargetSpec;
  graph?: string;
  color?: boolean;
  budgets: Partial<Record<BudgetName, number>>;
  maxMemoryMb?: number;
}

const BUDGET_OF_FLAG: ReadonlyMap<string, BudgetName> = new Map(
  (Object.entries(CLI_FLAGS) as [BudgetName, string][]).map(([name, flag]) => [flag, name]),
);
const MEMORY_FLAG = '--max-memory-mb';

function parseTarget(s: string): TargetSpec {
  const m = /^(.+?)(?:@(\d+))?$/.exec(s);
  if (!m || !m[1]) throw new UsageError(`bad --target '${s}' (expected NAME or NAME@LINE)`);
  if (m[2] === undefined) return { name: m[1] };
  const line = Number(m[2]);
  if (!Number.isSafeInteger(line) || line < 1) throw new UsageError(`bad --target '${s}': the line must be a whole number from 1`);
  return { name: m[1], line };
}

function positiveNumber(flag: string, v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} needs a positive number, not '${v}'`);
  return n;
}

export function parseArgs(argv: readonly string[]): ParsedArgs | 'help' {
  const rest = [...argv];
  if (rest.includes('--help') || rest.includes('-h')) return 'help';
  if (rest.length === 0) throw new UsageError('missing command: gradlens annotate FILE.ts');
  const command = rest.shift();
  if (command !== 'annotate') throw new UsageError(`unknown command '${command}' (expected 'annotate')`);
  const out: Partial<ParsedArgs> & { json: boolean; budgets: ParsedArgs['budgets'] } = { json: false, budgets: {} };
  while (rest.length > 0) {
    const a = rest.shift() ?? '';
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      const v = eq > 0 ? a.slice(eq + 1) : rest.shift();
      if (v === undefined || (eq < 0 && v.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
      if (v === '') throw new UsageError(`${flag} needs a value, got an empty one`);
      return v;
    };
    const budget = BUDGET_OF_FLAG.get(flag);
    if (flag === '--json' && eq < 0) out.json = true;
    else if (flag === '--target') out.target = parseTarget(value());
    else if (flag === '--graph') out.graph = value();
    else if (flag === '--color' && eq < 0) out.color = true;
    else if (flag === '--no-color' && eq < 0) out.color = false;
    else if (budget !== undefined) out.budgets[budget] = positiveNumber(flag, value());
    else if (flag === MEMORY_FLAG) out.maxMemoryMb = positiveNumber(flag, value());
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else if (out.file === undefined) out.file = a;
    else throw new UsageError(`unexpected argument '${a}'`);
  }
  if (!out.file) throw new UsageError('annotate needs a FILE.ts');
  if (out.graph !== undefined && !/\.(dot|gv|svg)$/i.test(out.graph)) throw new UsageError(`--graph writes .dot or .svg files, not '${out.graph}'`);
  return { ...out, file: out.file };
}

/** A target line past the end of the file cannot name a binding: a usage error, not an empty result. */
export function checkTargetLine(args: ParsedArgs, lines: number): void {
  const line = args.target?.line;
  if (line !== undefined && line > lines) {
    throw new UsageError(`bad --target '${args.target?.name}@${line}': ${args.file} has ${lines} line${lines === 1 ? '' : 's'}`);
  }
}
