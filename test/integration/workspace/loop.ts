// A binding in a loop: its annotation shows the last value and a sparkline of the history.
import { tensor } from 'gradlens';
let h = tensor(2.0, { requiresGrad: true });
for (let i = 0; i < 4; i++) {
  h = h.mul(0.5);
}
