/** The page's elements the app drives, looked up once (ids from webview/html.ts). */
export interface AppDom {
  stage: HTMLElement;
  canvas: HTMLElement;
  empty: HTMLElement;
  stepLabel: HTMLElement;
  modeButtons: HTMLButtonElement[];
  buttons: Record<ButtonId, HTMLButtonElement>;
  side: { doc: HTMLElement; step: HTMLElement; node: HTMLElement; messages: HTMLElement };
}

export const BUTTON_IDS = ['reset', 'prev', 'play', 'next', 'fit', 'zoom-in', 'zoom-out', 'toggle-groups', 'export'] as const;
export type ButtonId = (typeof BUTTON_IDS)[number];

function byId<T extends HTMLElement>(doc: Document, id: string): T {
  const e = doc.getElementById(id);
  if (!e) throw new Error(`gradlens panel: missing #${id}`);
  return e as T;
}

export function findDom(doc: Document): AppDom {
  const buttons = {} as Record<ButtonId, HTMLButtonElement>;
  for (const id of BUTTON_IDS) buttons[id] = byId<HTMLButtonElement>(doc, id);
  return {
    stage: byId(doc, 'stage'),
    canvas: byId(doc, 'canvas'),
    empty: byId(doc, 'empty'),
    stepLabel: byId(doc, 'step-label'),
    modeButtons: Array.from(doc.querySelectorAll<HTMLButtonElement>('button.mode')),
    buttons,
    side: { doc: byId(doc, 'doc-info'), step: byId(doc, 'step-info'), node: byId(doc, 'node-info'), messages: byId(doc, 'messages') },
  };
}
