// js-pytorch, imported as an ES module by bench/engines/jspytorch.mjs (see peer.d.ts for why it is mapped here).
export const torch: any; // eslint-disable-line @typescript-eslint/no-explicit-any
