/** torch.optim as `optim`: SGD, Adam, AdamW, RMSprop and Adagrad with torch 1.13's update rules. */
import { SGD } from './sgd';
import { Adam, AdamW } from './adam';
import { RMSprop } from './rmsprop';
import { Adagrad } from './adagrad';

export { Optimizer } from './optimizer';
export { SGD, Adam, AdamW, RMSprop, Adagrad };
export type { SGDOptions } from './sgd';
export type { AdamOptions } from './adam';
export type { RMSpropOptions } from './rmsprop';
export type { AdagradOptions } from './adagrad';

export const optim = { SGD, Adam, AdamW, RMSprop, Adagrad };
