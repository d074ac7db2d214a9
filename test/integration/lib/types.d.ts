// Shapes shared by the integration runner's JavaScript (type-checked from its JSDoc: tsconfig.scripts.json).
// The scripts name them as `import('./lib/types').X` (from test/integration) or `import('./types').X`.
import type { Page } from 'playwright-core';

export type { Page };

/** A line of progress for the runner's log. */
export type Log = (message: string) => void;

/** Runs one named check, records whether it passed (run.js `check`), and resolves with that. */
export type Check = (name: string, fn: () => Promise<void>) => Promise<boolean>;

/** A running code-server (lib/server.js `startServer`). */
export interface Server {
  port: number;
  pid: number;
  logFile: string;
  /** Ends its process group: SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/** One visible editor line: its source text, the decoration texts after it in order, and their CSS colours. */
export interface EditorLine {
  text: string;
  injected: string[];
  colors: string[];
}

/** A test's outcome as the runner prints it. */
export interface Result {
  name: string;
  ok: boolean;
  error?: string;
}
