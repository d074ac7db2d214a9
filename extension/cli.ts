/**
 * The command-line tool (README.md, docs/architecture.md): `gradlens annotate FILE.ts [--json] [--target NAME[@LINE]] [--graph OUT.dot|OUT.svg]`.
 * Exit 0: no error diagnostics; 1: some error (the trace is still printed); 2: bad usage or unreadable input.
 * The analysis runs in a child process with a bounded heap (cli-run.ts): whatever the file does, this
 * process prints a trace and exits 0, 1 or 2.
 */
import * as fs from 'fs';
import type { Trace } from './analysis/trace';
import { formatDiagnostic, inert, inertJson, renderAnnotated } from './presentation/cli-text';
import { toDot } from './presentation/dot';
import { lineCount } from './analysis/lines';
import { USAGE, UsageError, checkTargetLine, parseArgs, type ParsedArgs } from './cli-args';
import { CliAnalysis, DEFAULT_MEMORY_MB } from './cli-run';

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
}

async function writeGraph(file: string, trace: Trace): Promise<void> {
  if (/\.svg$/i.test(file)) {
    fs.writeFileSync(file, await renderSvg(trace));
    return;
  }
  fs.writeFileSync(file, toDot(trace));
}

/** The graph panel's renderer (presentation/graph: elkjs layout), loaded only when an SVG is asked for. */
async function renderSvg(trace: Trace): Promise<string> {
  const { traceToSvg } = await import('./presentation/graph');
  return traceToSvg(trace);
}

function usageFailure(io: CliIO, e: unknown): number {
  io.stderr(`gradlens: ${inert(e instanceof Error ? e.message : String(e))} (see --help)\n`);
  return 2;
}

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  let args: ParsedArgs | 'help';
  try {
    args = parseArgs(argv);
  } catch (e) {
    return usageFailure(io, e);
  }
  if (args === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  // Started before the file is read: loading the analyzer is most of a small file's time.
  const analysis = new CliAnalysis({
    options: { ...args.budgets, ...(args.target ? { target: args.target } : {}), fileName: args.file },
    memoryMb: args.maxMemoryMb ?? DEFAULT_MEMORY_MB,
  });
  let source: string;
  try {
    source = fs.readFileSync(args.file, 'utf8');
    checkTargetLine(args, lineCount(source));
  } catch (e) {
    analysis.dispose();
    if (e instanceof UsageError) return usageFailure(io, e);
    const reason = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    return usageFailure(io, new Error(`cannot read ${args.file} (${reason})`));
  }
  const trace = await analysis.run(source);
  return print(args, source, trace, io);
}

async function print(args: ParsedArgs, source: string, trace: Trace, io: CliIO): Promise<number> {
  for (const d of trace.diagnostics) io.stderr(formatDiagnostic(args.file, d) + '\n');
  if (args.json) io.stdout(inertJson(JSON.stringify(trace)) + '\n');
  else io.stdout(renderAnnotated(source, trace, { color: args.color ?? (io.isTTY && !process.env.NO_COLOR) }));
  if (args.graph) {
    try {
      await writeGraph(args.graph, trace);
    } catch (e) {
      io.stderr(`gradlens: cannot write ${inert(`${args.graph}: ${e instanceof Error ? e.message : String(e)}`)}\n`);
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
