/**
 * Ids for tensors and grad functions: increasing counters only. A leaf of the engine's layers, read
 * by the tensor state (a tensor's id), the grad functions and the tape (ids reserved at record time).
 */
export const counters = { tensor: 0, node: 0 };
