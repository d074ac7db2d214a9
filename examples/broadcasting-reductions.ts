// Broadcasting and reductions: a [3, 1] column and a [4] row make a [3, 4] grid; its gradients
// are summed back to each input's shape.
import { tensor, arange } from 'gradlens';

const col = tensor([[1.0], [2.0], [3.0]], { requiresGrad: true }); // shape [3, 1]
const row = tensor([0.5, -1.0, 2.0, 0.25], { requiresGrad: true }); // shape [4]

const grid = col.mul(row); // [3, 1] * [4] -> [3, 4]
const shifted = grid.add(arange(4)); // broadcasting a [4] constant
const perRow = shifted.sum(1); // [3]
const perColMean = shifted.mean(0, true); // [1, 4]
const spread = shifted.std(); // a scalar
const total = perRow.sum().add(perColMean.sum()).add(spread);

total.backward();

console.log('grid shape', grid.shape);
console.log('perRow', perRow.toString());
console.log('total', total.item().toFixed(4));
console.log('col.grad', col.grad?.toString());
console.log('row.grad', row.grad?.toString());
