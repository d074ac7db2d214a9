// cross entropy with a class index out of range (3 classes, target 5).
import { tensor, F } from 'gradlens';

const logits = tensor([[1, 2, 0.5], [0.1, 0.2, 3]], { requiresGrad: true });
const target = tensor([0, 5], { dtype: 'int64' });
const loss = F.crossEntropy(logits, target);
const ok = F.crossEntropy(logits, tensor([0, 2], { dtype: 'int64' }));
