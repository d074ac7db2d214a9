// view([4, 2]) of 6 elements.
import { tensor } from 'gradlens';

const a = tensor([[1, 2, 3], [4, 5, 6]], { requiresGrad: true });
const v = a.view(4, 2);
const ok = a.view(3, 2);
