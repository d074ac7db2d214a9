// PyTorch's loss.backward(retain_graph=True) written with the options where the gradient goes.
import { tensor } from 'gradlens';

const a = tensor([1, 2, 3], { requiresGrad: true });
const loss = a.exp().sum();
// @ts-expect-error: the type checker flags it too; the options go second
loss.backward({ retainGraph: true });
loss.backward();
const g = a.grad;
