// @gradlens
// Opted in by the comment above without importing gradlens: analysed, so what it cannot evaluate is reported.
import * as fs from 'node:fs';
const text = fs.readFileSync('data.txt', 'utf8');
console.log(text.length);
