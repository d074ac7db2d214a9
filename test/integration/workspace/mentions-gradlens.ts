// A test-like file: it holds the text of an import of gradlens, but only inside strings; it does not opt in.
import * as assert from 'node:assert';
const source = "import { tensor } from 'gradlens';\nconst x = tensor(1);";
const marker = '// @gradlens';
assert.ok(source.length > marker.length);
