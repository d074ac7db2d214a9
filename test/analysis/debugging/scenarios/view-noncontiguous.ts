// view on a transposed (non-contiguous) tensor.
import { tensor } from 'gradlens';

const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
const t = a.t();
const v = t.view(6);
const r = t.reshape(6);
