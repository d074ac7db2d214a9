/**
 * Zoom (wheel, around the pointer) and pan (drag) of the drawing: a CSS transform on the canvas, set through
 * the CSSOM (allowed by the CSP, unlike style attributes in markup).
 */
import type { ViewTransform } from './state';

const MIN_ZOOM = 0.02;
const MAX_ZOOM = 4;
/** Pointer travel (px) below which a press is a click, not a drag. */
const DRAG_THRESHOLD = 4;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class Viewport {
  private t: ViewTransform = { x: 0, y: 0, k: 1 };

  constructor(
    private readonly stage: HTMLElement,
    private readonly canvas: HTMLElement,
    private readonly onChange: (t: ViewTransform) => void,
  ) {
    stage.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    stage.addEventListener('pointerdown', (e) => this.onPointerDown(e));
  }

  get transform(): ViewTransform {
    return { ...this.t };
  }

  set(t: ViewTransform): void {
    this.t = { x: t.x, y: t.y, k: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, t.k)) };
    this.canvas.style.transform = `translate(${this.t.x}px, ${this.t.y}px) scale(${this.t.k})`;
    this.onChange(this.transform);
  }

  /**
   * Scale the content to fit the stage (never above 100%), centred. With `minZoom`, a drawing too big to be
   * readable at that scale is shown from its top instead (the start of the forward pass).
   */
  fit(width: number, height: number, minZoom = 0): void {
    const w = Math.max(1, this.stage.clientWidth);
    const h = Math.max(1, this.stage.clientHeight);
    const k = Math.max(minZoom, Math.min(1, (w - 16) / Math.max(1, width), (h - 16) / Math.max(1, height)));
    const x = width * k <= w ? (w - width * k) / 2 : 8;
    this.set({ k, x, y: Math.max(8, (h - height * k) / 2) });
  }

  /** Zoom by `factor` keeping the stage point (cx, cy) fixed. */
  zoomAt(factor: number, cx = this.stage.clientWidth / 2, cy = this.stage.clientHeight / 2): void {
    const k = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, this.t.k * factor));
    const f = k / this.t.k;
    this.set({ k, x: cx - (cx - this.t.x) * f, y: cy - (cy - this.t.y) * f });
  }

  /** Pan so that `box` (content coordinates) is inside the stage, if it is not already. */
  ensureVisible(box: Box): void {
    const { x, y, k } = this.t;
    const left = box.x * k + x;
    const top = box.y * k + y;
    const w = this.stage.clientWidth;
    const h = this.stage.clientHeight;
    if (left >= 0 && top >= 0 && left + box.width * k <= w && top + box.height * k <= h) return;
    this.set({ k, x: w / 2 - (box.x + box.width / 2) * k, y: h / 2 - (box.y + box.height / 2) * k });
  }

  private onWheel(e: WheelEvent): void {
    e.preventDefault();
    const r = this.stage.getBoundingClientRect();
    // exp keeps zoom steps multiplicative and symmetric for trackpads and wheels alike.
    this.zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0) return;
    const start = { x: e.clientX, y: e.clientY, t: this.transform };
    let dragging = false;
    const move = (m: PointerEvent): void => {
      const dx = m.clientX - start.x;
      const dy = m.clientY - start.y;
      if (!dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      dragging = true;
      this.stage.classList.add('panning');
      this.set({ k: start.t.k, x: start.t.x + dx, y: start.t.y + dy });
    };
    const up = (): void => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      this.stage.classList.remove('panning');
      // A drag must not also count as a click on the node it started on.
      if (!dragging) return;
      const swallow = (c: MouseEvent): void => c.stopPropagation();
      window.addEventListener('click', swallow, { capture: true, once: true });
      setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }
}
