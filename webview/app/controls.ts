/**
 * Toolbar buttons, keyboard and pointer input → GraphApp actions. Listeners only (the CSP forbids inline
 * handlers). Keys: ←/→ step, Home reset, Space play (outside buttons), +/− zoom, 0 fit, Enter on a node.
 */
import { isGraphMode } from '../../extension/protocol';
import type { GraphApp } from './app';
import { NOT_STEPPING } from './steps';

const ZOOM_STEP = 1.25;

function nodeIdOf(target: EventTarget | null): string | null {
  const el = target instanceof Element ? target.closest('.gl-node') : null;
  return el?.getAttribute('data-id') ?? null;
}

function onKey(app: GraphApp, e: KeyboardEvent): void {
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  const onNode = nodeIdOf(e.target);
  const onButton = e.target instanceof HTMLButtonElement;
  const actions: Record<string, (() => void) | undefined> = {
    ArrowRight: () => app.setStep(app.stepIndex + 1),
    ArrowLeft: () => app.setStep(app.stepIndex - 1),
    Home: () => app.setStep(NOT_STEPPING),
    End: () => app.setStep(app.stepCount - 1),
    '+': () => app.viewport.zoomAt(ZOOM_STEP),
    '=': () => app.viewport.zoomAt(ZOOM_STEP),
    '-': () => app.viewport.zoomAt(1 / ZOOM_STEP),
    '0': () => app.fit(),
    Enter: onNode ? () => app.activateNode(onNode) : undefined,
    ' ': onNode ? () => app.activateNode(onNode) : onButton ? undefined : () => app.togglePlay(),
  };
  const action = actions[e.key];
  if (!action) return;
  e.preventDefault();
  action();
}

export function bindControls(app: GraphApp): void {
  const { buttons, modeButtons, canvas } = app.dom;
  buttons.reset.addEventListener('click', () => {
    app.stopPlaying();
    app.setStep(NOT_STEPPING);
  });
  buttons.prev.addEventListener('click', () => app.setStep(app.stepIndex - 1));
  buttons.next.addEventListener('click', () => app.setStep(app.stepIndex + 1));
  buttons.play.addEventListener('click', () => app.togglePlay());
  buttons.fit.addEventListener('click', () => app.fit());
  buttons['zoom-in'].addEventListener('click', () => app.viewport.zoomAt(ZOOM_STEP));
  buttons['zoom-out'].addEventListener('click', () => app.viewport.zoomAt(1 / ZOOM_STEP));
  buttons['toggle-groups'].addEventListener('click', () => app.toggleAllGroups());
  buttons.export.addEventListener('click', () => app.exportSvg());
  for (const b of modeButtons) {
    b.addEventListener('click', () => {
      const mode = b.dataset.mode;
      if (isGraphMode(mode)) app.setMode(mode);
    });
  }
  canvas.addEventListener('click', (e) => {
    const id = nodeIdOf(e.target);
    if (id !== null) app.activateNode(id);
  });
  canvas.addEventListener('focusin', (e) => app.select(nodeIdOf(e.target)));
  document.addEventListener('keydown', (e) => onKey(app, e));
}
