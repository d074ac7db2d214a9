import { tensor, F } from 'gradlens';

const x = tensor([[0.5, -1.25, 2.0], [0.75, -0.3, 1.1]], { requiresGrad: true });
const mask = tensor([[false, true, true], [false, false, true]]);
const filled = x.maskedFill(mask, 0.5);
const lower = x.tril();
const rounded = x.round();
const running = x.cumsum(1);
const size = x.norm();
const rowProd = x.prod(1);
const best = x.topk(2).values;
const parts = x.chunk(3, 1);
const soft = x.abs().log1p().clampMin(0.5);
const labels = F.oneHot(tensor([2, 0, 1], { dtype: 'int64' }), 4);
const wide = labels.float().flip(1);
const loss = filled.sum().add(lower.square().sum()).add(running.sum()).add(size).add(rowProd.sum())
  .add(best.sum()).add(parts[1].sum()).add(soft.sum()).add(rounded.sum()).add(wide.mul(x.sum()).sum());
loss.backward();
