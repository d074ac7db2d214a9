/** Grad mode: the one switch of torch.no_grad / torch.enable_grad (module state, as in PyTorch). */
const mode = { enabled: true };

export function isGradEnabled(): boolean {
  return mode.enabled;
}

export function setGradEnabled(on: boolean): void {
  mode.enabled = on;
}

/** Run fn with gradient recording off (torch.no_grad); restores the previous mode even on throw. */
export function noGrad<T>(fn: () => T): T {
  const prev = mode.enabled;
  mode.enabled = false;
  try {
    return fn();
  } finally {
    mode.enabled = prev;
  }
}

/** Run fn with gradient recording on (torch.enable_grad). */
export function enableGrad<T>(fn: () => T): T {
  const prev = mode.enabled;
  mode.enabled = true;
  try {
    return fn();
  } finally {
    mode.enabled = prev;
  }
}
