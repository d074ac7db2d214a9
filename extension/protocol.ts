/**
 * The messages between the extension host (extension/host/panel.ts) and the graph panel (webview/).
 * One discriminated union per direction, and a validator for each: both sides treat what they receive
 * as untrusted JSON and drop (and log) anything that does not match.
 */
import { TRACE_VERSION, type Trace } from './analysis/trace';

export type GraphMode = 'forward' | 'backward' | 'both';
export const GRAPH_MODES: readonly GraphMode[] = ['forward', 'backward', 'both'];

/** The document a trace belongs to. */
export interface PanelDocInfo {
  uri: string;
  fileName: string;
  version: number;
}

/** Host → webview. */
export type HostMessage =
  /** A new trace for a document (live edits, or the active editor changed). */
  | { type: 'trace'; trace: Trace; doc: PanelDocInfo }
  /** 1-based lines under the editor's cursor(s): their nodes are highlighted. */
  | { type: 'highlightLines'; lines: number[] };

/** Webview → host. */
export type WebviewMessage =
  /** The app has loaded and listens: the host (re)sends its state. */
  | { type: 'ready' }
  /** A node was clicked (or Enter pressed on it): reveal its source. */
  | { type: 'revealNode'; nodeId: string }
  /** The backward step moved; `line` is the step's source line, when known. -1 means "not stepping". */
  | { type: 'stepChanged'; stepIndex: number; nodeId: string | null; line: number | null }
  /** Save this SVG (the host opens a save dialog). */
  | { type: 'exportSvg'; svg: string; fileName: string }
  /** What is on screen after a render: the host keeps it for tests (GraphPanel.lastState). */
  | { type: 'rendered'; nodeCount: number; stepIndex: number; mode: GraphMode };

export type HostMessageType = HostMessage['type'];
export type WebviewMessageType = WebviewMessage['type'];

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function isInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x);
}

function isDocInfo(x: unknown): x is PanelDocInfo {
  return isObject(x) && typeof x.uri === 'string' && typeof x.fileName === 'string' && isInt(x.version);
}

export function isGraphMode(x: unknown): x is GraphMode {
  return typeof x === 'string' && (GRAPH_MODES as readonly string[]).includes(x);
}

const hostValidators: { [K in HostMessageType]: (m: Json) => boolean } = {
  trace: (m) => isDocInfo(m.doc) && isTrace(m.trace),
  highlightLines: (m) => Array.isArray(m.lines) && m.lines.length <= 10_000 && m.lines.every((l) => isInt(l) && l >= 1),
};

const webviewValidators: { [K in WebviewMessageType]: (m: Json) => boolean } = {
  ready: () => true,
  revealNode: (m) => typeof m.nodeId === 'string',
  stepChanged: (m) =>
    isInt(m.stepIndex) &&
    m.stepIndex >= -1 &&
    (m.nodeId === null || typeof m.nodeId === 'string') &&
    (m.line === null || (isInt(m.line) && m.line >= 1)),
  exportSvg: (m) => typeof m.svg === 'string' && typeof m.fileName === 'string',
  rendered: (m) => isInt(m.nodeCount) && isInt(m.stepIndex) && isGraphMode(m.mode),
};

function validate<T>(x: unknown, table: Record<string, (m: Json) => boolean>): x is T {
  if (!isObject(x) || typeof x.type !== 'string' || !Object.prototype.hasOwnProperty.call(table, x.type)) return false;
  return table[x.type](x);
}

/** True when `x` is a well-formed message from the host (checked in the webview). */
export function isHostMessage(x: unknown): x is HostMessage {
  return validate<HostMessage>(x, hostValidators);
}

/** True when `x` is a well-formed message from the webview (checked in the host). */
export function isWebviewMessage(x: unknown): x is WebviewMessage {
  return validate<WebviewMessage>(x, webviewValidators);
}

// ---- The trace, as far as the panel reads it (a malformed trace is dropped, never half-drawn). ----

const isStr = (x: unknown): x is string => typeof x === 'string';
const optional = (x: unknown, p: (y: unknown) => boolean): boolean => x === undefined || p(x);
const arrayOf = (x: unknown, p: (y: unknown) => boolean): boolean => Array.isArray(x) && x.every(p);
const isJsonNumber = (x: unknown): boolean =>
  (typeof x === 'number' && Number.isFinite(x)) || x === 'NaN' || x === 'Infinity' || x === '-Infinity';
const DTYPES: readonly unknown[] = ['float32', 'float64', 'int64', 'int32', 'bool'];
const NODE_KINDS: readonly unknown[] = ['leaf', 'op', 'accumulate'];
const GROUP_KINDS: readonly unknown[] = ['loop', 'call'];

function isRange(x: unknown): boolean {
  return isObject(x) && isInt(x.line) && isInt(x.column) && isInt(x.endLine) && isInt(x.endColumn);
}

function isSnapshot(x: unknown): boolean {
  return (
    isObject(x) &&
    (x.kind === 'tensor' || x.kind === 'number') &&
    arrayOf(x.shape, (d) => isInt(d) && d >= 0) &&
    DTYPES.includes(x.dtype) &&
    arrayOf(x.data, isJsonNumber) &&
    isStr(x.text)
  );
}

const isSnapshotOrNull = (x: unknown): boolean => x === null || isSnapshot(x);

function isGraphNode(x: unknown): boolean {
  return (
    isObject(x) &&
    isStr(x.id) &&
    NODE_KINDS.includes(x.kind) &&
    isStr(x.label) &&
    optional(x.gradFn, isStr) &&
    optional(x.bindingId, isStr) &&
    optional(x.name, isStr) &&
    optional(x.value, isSnapshotOrNull) &&
    optional(x.grad, isSnapshotOrNull) &&
    optional(x.gradUnknown, isStr) &&
    optional(x.range, isRange) &&
    optional(x.group, isStr) &&
    optional(x.leafId, isStr)
  );
}

function isGraphEdge(x: unknown): boolean {
  return (
    isObject(x) &&
    isStr(x.id) &&
    isStr(x.from) &&
    isStr(x.to) &&
    isInt(x.index) &&
    optional(x.label, isStr) &&
    optional(x.grad, isSnapshotOrNull)
  );
}

function isGraphGroup(x: unknown): boolean {
  return isObject(x) && isStr(x.id) && GROUP_KINDS.includes(x.kind) && isStr(x.label) && optional(x.parent, isStr) && optional(x.range, isRange);
}

function isBackwardStep(x: unknown): boolean {
  return (
    isObject(x) &&
    isStr(x.nodeId) &&
    isStr(x.gradFn) &&
    arrayOf(x.gradIn, isSnapshot) &&
    arrayOf(x.gradsOut, isSnapshotOrNull) &&
    optional(x.line, isInt)
  );
}

function isGraph(x: unknown): boolean {
  return isObject(x) && arrayOf(x.nodes, isGraphNode) && arrayOf(x.edges, isGraphEdge) && arrayOf(x.groups, isGraphGroup);
}

/** Structural check of the parts of a trace the panel reads (graph, steps, diagnostics, logs). */
export function isTrace(x: unknown): x is Trace {
  return (
    isObject(x) &&
    x.version === TRACE_VERSION &&
    Array.isArray(x.bindings) &&
    isGraph(x.graph) &&
    arrayOf(x.backwardSteps, isBackwardStep) &&
    arrayOf(x.diagnostics, (d) => isObject(d) && isStr(d.message) && isInt(d.line)) &&
    arrayOf(x.logs, (l) => isObject(l) && isStr(l.text) && isInt(l.line)) &&
    (x.target === null || isStr(x.target))
  );
}
