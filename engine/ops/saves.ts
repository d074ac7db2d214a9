/**
 * Bits of OpDef.saves: which tensors an op's backward reads (bit i = input i; SAVE_OUT = result).
 * A leaf: the op definitions, the op table's terms and the recorder read them.
 */
export const SAVE_SELF = 1;
export const SAVE_OTHER = 2;
export const SAVE_BOTH = 3;
export const SAVE_OUT = 1 << 8;
/** The op saves tensors that are not its inputs (index tensors): it checks their versions itself. */
export const SAVE_EXTRA = 1 << 9;
