/**
 * How a tape segment (tape.ts) encodes a slot, shared by the recorder, the generated code and the
 * backward walk: the meta bits, the rank above them, and the op code of a general slot.
 */

/**
 * meta bits per slot: input 0 / 1 has a gradient edge, float32, backward ran without retainGraph,
 * and T1: the second operand is a tensor, its input code in the slot's operand cell (tape.ts); else
 * the cell holds the number operand or the op's parameter.
 */
export const enum Meta { E0 = 1, E1 = 2, F32 = 4, Freed = 8, T1 = 16 }
/** The rank of a compact slot's (all-ones) shape sits above the flags (a higher rank takes a general slot). */
export const RANK_SHIFT = 5;
export const MAX_RANK = 7;
/** The op code of a general slot (its Node holds everything). */
export const GENERAL = 255;
