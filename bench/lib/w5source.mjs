// @ts-check
// W5's input: a generated file of tensor code, `lines` long, in blocks of ten lines that chain a
// small MLP-like computation (matmul, add, tanh, pow, mean, broadcasting sum) into a running loss,
// then one backward(). An edit changes one number literal in one block.

const HEADER = [
  "import { tensor } from 'gradlens';",
  '',
  'const h0 = tensor([[0.5, -0.25, 0.75, 0.1], [0.2, 0.4, -0.6, 0.8], [-0.3, 0.9, 0.05, -0.45]]);',
  'let total = h0.sum().mul(0);',
];
const FOOTER = ['total.backward();', "console.log('total', total.item());"];
export const BLOCK_LINES = 10;

/** @param {number} x */
const num = (x) => x.toFixed(3);

/** The 4×4 weight literal of block i, from a formula so every block differs. @param {number} i @param {number} bump */
function weights(i, bump) {
  const rows = [];
  for (let r = 0; r < 4; r++) {
    const row = [];
    for (let c = 0; c < 4; c++) row.push(num(Math.sin(i * 7 + r * 4 + c) * 0.6 + (r === 0 && c === 0 ? bump : 0)));
    rows.push(`[${row.join(', ')}]`);
  }
  return `[${rows.join(', ')}]`;
}

/** The ten lines of block i. @param {number} i @param {number} bump @returns {string[]} */
function block(i, bump) {
  const p = `h${i - 1}`;
  return [
    `// block ${i}`,
    `const w${i} = tensor(${weights(i, bump)}, { requiresGrad: true });`,
    `const b${i} = tensor([${[0, 1, 2, 3].map((c) => num(Math.cos(i + c) * 0.1)).join(', ')}], { requiresGrad: true });`,
    `const z${i} = ${p}.matmul(w${i}).add(b${i});`,
    `const h${i} = z${i}.tanh();`,
    `const s${i} = h${i}.mul(0.5).add(h${i}.pow(2).mul(0.25));`,
    `const r${i} = h${i}.sum(1, true);`,
    `const q${i} = h${i}.sub(r${i}.mul(0.1));`,
    `const loss${i} = q${i}.pow(2).mean().add(s${i}.mean().mul(0.01));`,
    `total = total.add(loss${i});`,
  ];
}

/**
 * @param {number} lines target length (blocks fill it; header and footer add six lines)
 * @param {{ block: number, bump: number } | null} edit which block's first weight to change
 */
export function w5Source(lines, edit = null) {
  const blocks = blockCount(lines);
  const out = [...HEADER];
  for (let i = 1; i <= blocks; i++) out.push(...block(i, edit && edit.block === i ? edit.bump : 0));
  // top up to the exact length with one-line reductions of the last block
  for (let j = 1; out.length + FOOTER.length < lines; j++) out.push(`const e${j} = h${blocks}.mul(${j}).mean();`);
  out.push(...FOOTER);
  return out.join('\n') + '\n';
}

/** Number of blocks in a file of the given length (edits pick one of them). @param {number} lines */
export function blockCount(lines) {
  return Math.max(1, Math.floor((lines - HEADER.length - FOOTER.length) / BLOCK_LINES));
}
