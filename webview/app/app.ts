/**
 * The panel app: validates host messages, lays out and draws the trace, and drives the step-through,
 * highlights, zoom/pan and export. One instance per page; all state lives here.
 */
import type { GraphGroup, Trace } from '../../extension/analysis/trace';
import { isHostMessage, type GraphMode, type HostMessage, type PanelDocInfo, type WebviewMessage } from '../../extension/protocol';
import { layoutGraph, type GraphLayout } from '../../extension/presentation/graph/layout';
import { buildViewModel, defaultCollapsed, nanOrigins, type ViewModel } from '../../extension/presentation/graph/model';
import { renderGraphSvg } from '../../extension/presentation/graph/render';
import { bindControls } from './controls';
import type { AppDom } from './dom';
import { GraphView } from './graph-view';
import { SidePanel } from './side';
import { graphShapeKey, restoreState, type PanelState } from './state';
import { highlightSets, type HighlightSets } from './highlights';
import { clampStep, NOT_STEPPING, stepView } from './steps';
import { Viewport } from './viewport';

export interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}

/** Milliseconds between steps while playing. */
const PLAY_INTERVAL = 800;
/** Layout time grows faster than linearly; past this many drawn nodes the panel would freeze for seconds. */
const MAX_DRAWN_NODES = 5000;
/** A new graph is shown at least this large (then from its top); the Fit button shows all of it. */
const READABLE_ZOOM = 0.6;

interface Shown {
  trace: Trace;
  doc: PanelDocInfo;
  model: ViewModel;
  layout: GraphLayout;
}

export class GraphApp {
  private state: PanelState;
  private pending: { trace: Trace; doc: PanelDocInfo } | null = null;
  private shown: Shown | null = null;
  private cursorLines: number[] = [];
  private selected: string | null = null;
  private renderGeneration = 0;
  private playTimer: ReturnType<typeof setInterval> | undefined;
  private readonly view: GraphView;
  private readonly side: SidePanel;
  readonly viewport: Viewport;

  constructor(
    readonly dom: AppDom,
    private readonly api: VsCodeApi,
  ) {
    this.state = restoreState(api.getState());
    this.view = new GraphView(dom.canvas);
    this.side = new SidePanel(dom.side);
    this.viewport = new Viewport(dom.stage, dom.canvas, (t) => this.save({ view: t }));
  }

  start(): void {
    window.addEventListener('message', (e: MessageEvent) => this.receive(e.data));
    bindControls(this);
    this.syncToolbar();
    this.api.postMessage({ type: 'ready' });
  }

  receive(data: unknown): void {
    if (!isHostMessage(data)) {
      const type = typeof data === 'object' && data !== null ? (data as { type?: unknown }).type : typeof data;
      console.warn('gradlens panel: ignored a malformed message', String(type));
      return;
    }
    void this.handle(data);
  }

  private async handle(m: HostMessage): Promise<void> {
    switch (m.type) {
      case 'trace':
        return this.setTrace(m.trace, m.doc);
      case 'highlightLines':
        this.cursorLines = m.lines;
        this.applyHighlights();
        return;
    }
  }

  private save(patch: Partial<PanelState>): void {
    this.state = { ...this.state, ...patch };
    this.api.setState(this.state);
  }

  private async setTrace(trace: Trace, doc: PanelDocInfo): Promise<void> {
    const shapeKey = graphShapeKey(trace.graph);
    const sameShape = shapeKey === this.state.shapeKey && doc.uri === this.state.docUri;
    if (!sameShape) {
      this.stopPlaying();
      this.selected = null;
      this.save({ shapeKey, docUri: doc.uri, stepIndex: NOT_STEPPING, collapsed: null, view: null });
    }
    this.pending = { trace, doc };
    await this.relayout(!sameShape || this.state.view === null);
  }

  /** Model → layout → SVG for the latest trace; a newer call makes an older one drop its result. */
  async relayout(fit: boolean): Promise<void> {
    const source = this.pending ?? this.shown;
    if (!source) return;
    const generation = ++this.renderGeneration;
    const { trace, doc } = source;
    const collapsed = this.collapsedIds(trace);
    const model = buildViewModel(trace.graph, { collapsed, nanOrigins: nanOrigins(trace) });
    if (model.nodes.length > MAX_DRAWN_NODES) return this.showTooBig(model.nodes.length);
    const layout = await layoutGraph(model, { mode: this.state.mode });
    if (generation !== this.renderGeneration) return;
    const title = trace.target ? `Computational graph of ${trace.target}` : 'Computational graph';
    const ok = this.view.show(renderGraphSvg(model, layout, { mode: this.state.mode, title }), model);
    if (!ok) {
      console.warn('gradlens panel: the drawing did not parse; keeping the previous one');
      return;
    }
    this.pending = null;
    this.shown = { trace, doc, model, layout };
    this.dom.empty.hidden = trace.graph.nodes.length > 0;
    this.dom.empty.textContent = 'No computational graph in this file yet: make a tensor with requiresGrad and compute with it.';
    this.save({ stepIndex: clampStep(this.state.stepIndex, trace.backwardSteps.length) });
    if (fit || !this.state.view) this.viewport.fit(layout.width, layout.height, READABLE_ZOOM);
    else this.viewport.set(this.state.view);
    this.side.showDoc(doc, trace, model.nodes.length);
    this.side.showMessages(trace);
    this.showSelected();
    this.refreshStep();
    this.api.postMessage({ type: 'rendered', nodeCount: this.view.nodeCount, stepIndex: this.state.stepIndex, mode: this.state.mode });
  }

  private showTooBig(count: number): void {
    this.view.clear();
    this.dom.empty.hidden = false;
    this.dom.empty.textContent = `This graph has ${count} nodes to draw, more than the panel lays out (${MAX_DRAWN_NODES}).`;
    this.api.postMessage({ type: 'rendered', nodeCount: 0, stepIndex: this.state.stepIndex, mode: this.state.mode });
  }

  fit(): void {
    if (this.shown) this.viewport.fit(this.shown.layout.width, this.shown.layout.height);
  }

  setMode(mode: GraphMode): void {
    if (mode === this.state.mode) return;
    this.save({ mode });
    this.syncToolbar();
    void this.relayout(false);
  }

  get mode(): GraphMode {
    return this.state.mode;
  }

  get stepIndex(): number {
    return this.state.stepIndex;
  }

  get stepCount(): number {
    return this.shown?.trace.backwardSteps.length ?? 0;
  }

  setStep(index: number): void {
    const next = clampStep(index, this.stepCount);
    if (next === this.state.stepIndex) return;
    this.save({ stepIndex: next });
    this.refreshStep();
    const step = this.shown?.trace.backwardSteps[next];
    this.api.postMessage({ type: 'stepChanged', stepIndex: next, nodeId: step?.nodeId ?? null, line: step?.line ?? null });
    const box = step && this.shown ? this.shown.layout.nodes.get(this.shown.model.viewOf.get(step.nodeId) ?? '') : undefined;
    if (box) this.viewport.ensureVisible(box);
  }

  togglePlay(): void {
    if (this.playTimer !== undefined) return this.stopPlaying();
    if (this.state.stepIndex >= this.stepCount - 1) this.setStep(NOT_STEPPING);
    this.playTimer = setInterval(() => {
      if (this.state.stepIndex >= this.stepCount - 1) this.stopPlaying();
      else this.setStep(this.state.stepIndex + 1);
    }, PLAY_INTERVAL);
    this.syncToolbar();
  }

  stopPlaying(): void {
    if (this.playTimer !== undefined) clearInterval(this.playTimer);
    this.playTimer = undefined;
    this.syncToolbar();
  }

  /** Click / Enter on a node: expand a group, jump to a shared node's original, or reveal the source. */
  activateNode(id: string): void {
    const node = this.shown?.model.nodes.find((n) => n.id === id);
    if (!node || !this.shown) return;
    if (node.kind === 'group' && node.target) return this.toggleGroup(node.target);
    const target = node.kind === 'ref' && node.target ? node.target : id;
    this.select(target);
    if (node.kind === 'ref') {
      const el = this.view.node(target);
      if (el instanceof SVGElement) el.focus();
      const box = this.shown.layout.nodes.get(target);
      if (box) this.viewport.ensureVisible(box);
      return;
    }
    this.api.postMessage({ type: 'revealNode', nodeId: target });
  }

  select(id: string | null): void {
    this.selected = id;
    this.showSelected();
  }

  /** Side panel details of the selected node, with the (expanded) groups around it, innermost first. */
  private showSelected(): void {
    const node = this.shown?.model.nodes.find((n) => n.id === this.selected) ?? null;
    const graph = this.shown?.trace.graph;
    const traceNode = node && node.members.length === 1 ? graph?.nodes.find((n) => n.id === node.members[0]) : undefined;
    const byId = new Map((graph?.groups ?? []).map((g) => [g.id, g]));
    const around: GraphGroup[] = [];
    for (let g = traceNode?.group; g !== undefined && byId.has(g) && around.length < byId.size; g = byId.get(g)?.parent) {
      around.push(byId.get(g) as GraphGroup);
    }
    this.side.showNode(node, around, (id) => this.toggleGroup(id));
  }

  toggleGroup(groupId: string): void {
    if (!this.shown) return;
    const collapsed = this.collapsedIds(this.shown.trace);
    if (!collapsed.delete(groupId)) collapsed.add(groupId);
    const groups = this.shown.trace.graph.groups;
    this.save({ collapsed: groups.flatMap((g, i) => (collapsed.has(g.id) ? [i] : [])) });
    void this.relayout(false);
  }

  /** Expand every group when any is collapsed; otherwise collapse them all. */
  toggleAllGroups(): void {
    if (!this.shown) return;
    const all = this.shown.trace.graph.groups.map((_, i) => i);
    const anyCollapsed = this.shown.model.nodes.some((n) => n.kind === 'group');
    this.save({ collapsed: anyCollapsed ? [] : all });
    void this.relayout(true);
  }

  exportSvg(): void {
    if (!this.shown) return;
    const { model, layout, trace, doc } = this.shown;
    const h = this.highlightSets();
    const svg = renderGraphSvg(model, layout, { mode: this.state.mode, standalone: true, current: h.current, done: h.ran, title: `Computational graph of ${trace.target ?? doc.fileName}` });
    const base = (doc.fileName.split(/[\\/]/).pop() ?? 'graph').replace(/\.[^.]*$/, '');
    this.api.postMessage({ type: 'exportSvg', svg, fileName: `${base}.graph.svg` });
  }

  private collapsedIds(trace: Trace): Set<string> {
    const saved = this.state.collapsed;
    if (saved === null) return defaultCollapsed(trace.graph);
    return new Set(saved.flatMap((i) => trace.graph.groups[i]?.id ?? []));
  }

  private highlightSets(): HighlightSets {
    if (!this.shown) return { current: null, ran: new Set(), cursor: new Set() };
    return highlightSets(this.shown.trace, this.shown.model, this.state.stepIndex, this.cursorLines);
  }

  private applyHighlights(): void {
    if (this.shown) this.view.highlight(this.highlightSets());
  }

  private refreshStep(): void {
    this.applyHighlights();
    const trace = this.shown?.trace;
    const view = trace ? stepView(trace, this.state.stepIndex) : null;
    this.side.showStep(view, this.stepCount);
    this.syncToolbar();
  }

  private syncToolbar(): void {
    const { buttons, modeButtons, stepLabel } = this.dom;
    for (const b of modeButtons) b.setAttribute('aria-pressed', String(b.dataset.mode === this.state.mode));
    const n = this.stepCount;
    const i = this.state.stepIndex;
    buttons.prev.disabled = i <= NOT_STEPPING;
    buttons.reset.disabled = i <= NOT_STEPPING;
    buttons.next.disabled = i >= n - 1;
    buttons.play.disabled = n === 0;
    const playing = this.playTimer !== undefined;
    buttons.play.setAttribute('aria-pressed', String(playing));
    buttons.play.textContent = playing ? '⏸' : '▶';
    buttons.play.setAttribute('aria-label', playing ? 'Pause the backward pass' : 'Play the backward pass');
    stepLabel.textContent = n === 0 ? '' : i === NOT_STEPPING ? `step 0 / ${n}` : `step ${i + 1} / ${n}`;
  }
}
