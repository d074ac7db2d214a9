// cross entropy with float targets of shape [2] (neither class indices nor probabilities of shape [2, 3]).
import { tensor, F } from 'gradlens';

const logits = tensor([[1, 2, 0.5], [0.1, 0.2, 3]], { requiresGrad: true });
const target = tensor([0, 2]);
const loss = F.crossEntropy(logits, target);
const ok = F.crossEntropy(logits, tensor([[1, 0, 0], [0, 0, 1]]));
