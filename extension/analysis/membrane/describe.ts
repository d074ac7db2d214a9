/** How handles are named in messages and printed (console.log, templates, string concatenation). */
import { Handle } from './handle';
import type { Value } from '../values';

/** How a handle is named in messages: "tensor", "grad function MulBackward0", ... */
export function describe(h: Handle): string {
  switch (h.kind) {
    case 'tensor': return 'tensor';
    case 'gradFn': return `grad function ${h.name}`;
    case 'optimizer': return `${h.name} optimizer`;
    case 'module': return `${h.name} module`;
    default: return `gradlens ${h.kind} '${h.name}'`;
  }
}

export function typeName(v: Value): string {
  if (Handle.isHandle(v)) return describe(v);
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** How a handle prints (console.log, templates, string concatenation): as the engine's own objects print. */
export function displayString(h: Handle): string {
  const target = Handle.targetOf(h) as { toString(): string };
  switch (h.kind) {
    case 'tensor':
    case 'gradFn':
    case 'module':
      return target.toString();
    case 'function':
    case 'class':
      return `[${h.kind === 'class' ? 'class' : 'Function:'} ${h.name}]`;
    default:
      return `[${describe(h)}]`;
  }
}
