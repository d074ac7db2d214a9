// backward() of a tensor that does not require grad.
import { tensor } from 'gradlens';

const x = tensor([1, 2, 3]);
const loss = x.pow(2).sum();
loss.backward();
const after = x.sum();
