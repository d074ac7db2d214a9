/** Shape-only modules: Flatten (a view of merged dims, or a copy) and Identity (the input itself). */
import type { Tensor } from '../tensor';
import { ArgumentError } from '../errors';
import { Module } from './module';

function dimOption(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new ArgumentError(op, `argument '${name}' must be an integer, got ${String(v)}`);
  return v;
}

export interface FlattenOptions {
  /** First dim merged, default 1 (the batch dim is kept). */
  startDim?: number;
  /** Last dim merged, default -1. */
  endDim?: number;
}

/** input.flatten(startDim, endDim): a view (or a copy) of the dims startDim..endDim merged into one. */
export class Flatten extends Module {
  readonly startDim: number;
  readonly endDim: number;
  constructor(options: FlattenOptions = {}) {
    super();
    this.startDim = dimOption('Flatten', 'startDim', options.startDim ?? 1);
    this.endDim = dimOption('Flatten', 'endDim', options.endDim ?? -1);
  }
  override forward(input: Tensor): Tensor {
    return input.flatten(this.startDim, this.endDim);
  }
  protected override _getName(): string {
    return 'Flatten';
  }
  override extraRepr(): string {
    return `start_dim=${this.startDim}, end_dim=${this.endDim}`;
  }
}

/** Returns its input itself (no node, as torch's Identity). */
export class Identity extends Module {
  override forward(input: Tensor): Tensor {
    return input;
  }
  protected override _getName(): string {
    return 'Identity';
  }
}
