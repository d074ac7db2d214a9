// An endless loop: the analyzer's step budget stops it with a diagnostic; the lines before stay annotated.
import { tensor } from 'gradlens';
const _before = tensor(3.0);
let n = 0;
while (true) {
  n = n + 1;
}
