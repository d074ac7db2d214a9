// cross entropy with 2 rows of logits and 3 targets.
import { tensor, F } from 'gradlens';

const logits = tensor([[1, 2, 0.5], [0.1, 0.2, 3]], { requiresGrad: true });
const target = tensor([0, 2, 1], { dtype: 'int64' });
const loss = F.crossEntropy(logits, target);
const after = logits.sum();
