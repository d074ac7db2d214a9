// A layer built for 3 input features applied to 4: PyTorch's error, at the call; the rest still runs.
import { tensor, ones, F } from 'gradlens';

const x = tensor([[1, 2, 3, 4], [0, 1, 0, 1]], { requiresGrad: true });
const weight = ones(2, 3).mul(0.5); // [out_features, in_features]
const h = F.linear(x, weight);
console.log(h.shape);
const fixed = F.linear(x, ones(2, 4).mul(0.5)).sum();
fixed.backward();
console.log(x.grad);
