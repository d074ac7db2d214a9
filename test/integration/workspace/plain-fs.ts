// A plain Node file with no tensor code: Gradlens stays quiet here (no annotations, no diagnostics, no run).
import * as fs from 'node:fs';
const text = fs.readFileSync('data.txt', 'utf8');
const words = text.split(/\s+/).length;
console.log(words);
