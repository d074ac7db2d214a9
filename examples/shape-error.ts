// A shape error: Gradlens reports it at the call, naming both shapes, and keeps annotating the rest.
import { randn, manualSeed } from 'gradlens';

manualSeed(0);
const a = randn([2, 3], { requiresGrad: true });
const b = randn([4, 5]);
const ok = a.sum();
console.log('a.sum() =', ok.item().toFixed(4));

const c = a.matmul(b); // [2, 3] @ [4, 5]: the inner dimensions do not match
console.log('never printed when run for real', c.shape);
