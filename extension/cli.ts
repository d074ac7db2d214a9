/**
 * The command-line tool (SPEC §5): `gradlens annotate FILE.ts [--json] [--target NAME[@LINE]] [--graph OUT.dot|OUT.svg]`.
 * Exit 0: no error diagnostics; 1: some error (the trace is still printed); 2: bad usage or unreadable input.
 */
import * as fs from 'fs';
import { analyze } from './analysis';
import type { TargetSpec, Trace } from './analysis/trace';
import { formatDiagnostic, renderAnnotated } from './analysis/cli-render';
import { toDot } from './analysis/dot';

const USAGE = `Usage: gradlens annotate FILE.ts [options]

Prints FILE.ts with each tensor's value and gradient beside the line that makes it.

Options:
  --json                 print the trace (one JSON document) instead of the annotated source
  --target NAME[@LINE]   differentiate this binding instead of the default target
  --graph OUT.dot|OUT.svg  write the autograd graph of the target
  --color / --no-color   force ANSI colours on or off (default: on when stdout is a terminal)
  -h, --help             show this help
`;

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

interface ParsedArgs {
  file: string;
  json: boolean;
  target?: TargetSpec;
  graph?: string;
  color?: boolean;
}

class UsageError extends Error {}

function parseTarget(s: string): TargetSpec {
  const m = /^(.+?)(?:@(\d+))?$/.exec(s);
  if (!m || !m[1]) throw new UsageError(`bad --target '${s}' (expected NAME or NAME@LINE)`);
  return m[2] ? { name: m[1], line: Number(m[2]) } : { name: m[1] };
}

function parseArgs(argv: readonly string[]): ParsedArgs | 'help' {
  const rest = [...argv];
  if (rest.includes('--help') || rest.includes('-h')) return 'help';
  if (rest.length === 0) throw new UsageError('missing command: gradlens annotate FILE.ts');
  const command = rest.shift();
  if (command !== 'annotate') throw new UsageError(`unknown command '${command}' (expected 'annotate')`);
  const out: Partial<ParsedArgs> & { json: boolean } = { json: false };
  const value = (flag: string): string => {
    const v = rest.shift();
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (rest.length > 0) {
    const a = rest.shift() ?? '';
    if (a === '--json') out.json = true;
    else if (a === '--target') out.target = parseTarget(value(a));
    else if (a.startsWith('--target=')) out.target = parseTarget(a.slice('--target='.length));
    else if (a === '--graph') out.graph = value(a);
    else if (a.startsWith('--graph=')) out.graph = a.slice('--graph='.length);
    else if (a === '--color') out.color = true;
    else if (a === '--no-color') out.color = false;
    else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
    else if (out.file === undefined) out.file = a;
    else throw new UsageError(`unexpected argument '${a}'`);
  }
  if (!out.file) throw new UsageError('annotate needs a FILE.ts');
  if (out.graph && !/\.(dot|gv|svg)$/i.test(out.graph)) throw new UsageError(`--graph writes .dot or .svg files, not '${out.graph}'`);
  return { ...out, file: out.file };
}

async function writeGraph(file: string, trace: Trace): Promise<void> {
  if (/\.svg$/i.test(file)) {
    fs.writeFileSync(file, await renderSvg(trace));
    return;
  }
  fs.writeFileSync(file, toDot(trace));
}

/** The graph panel's renderer (webview/graph: elkjs layout), loaded only when an SVG is asked for. */
async function renderSvg(trace: Trace): Promise<string> {
  const { traceToSvg } = await import('../webview/graph');
  return traceToSvg(trace);
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  let args: ParsedArgs | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`gradlens: ${e instanceof Error ? e.message : String(e)} (see --help)\n`);
    return 2;
  }
  if (args === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  let source: string;
  try {
    source = fs.readFileSync(args.file, 'utf8');
  } catch (e) {
    const reason = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    io.stderr(`gradlens: cannot read ${args.file} (${reason})\n`);
    return 2;
  }
  const trace = analyze(source, { target: args.target, fileName: args.file });
  for (const d of trace.diagnostics) io.stderr(formatDiagnostic(args.file, d) + '\n');
  if (args.json) io.stdout(JSON.stringify(trace) + '\n');
  else io.stdout(renderAnnotated(source, trace, { color: args.color ?? (io.isTTY && !process.env.NO_COLOR) }));
  if (args.graph) {
    try {
      await writeGraph(args.graph, trace);
    } catch (e) {
      io.stderr(`gradlens: cannot write ${args.graph}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  }
  return trace.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

function defaultIO(): CliIO {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: process.stdout.isTTY === true,
  };
}
