/**
 * How a tape segment (tape.ts) encodes a slot, shared by the recorder, the generated code and the
 * backward walk: the meta bits, the rank above them, and the op code of a general slot.
 */

/** meta bits per slot: input 0 / 1 has a gradient edge, float32, backward ran without retainGraph. */
export const enum Meta { E0 = 1, E1 = 2, F32 = 4, Freed = 8 }
/** The rank of a compact slot's (all-ones) shape sits above the flags. */
export const RANK_SHIFT = 4;
export const MAX_RANK = 15;
/** The op code of a general slot (its Node holds everything). */
export const GENERAL = 255;
