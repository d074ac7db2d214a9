/**
 * Where a stopped run was: the worker writes a node's full span, which starts with the trivia before
 * it (a `while` statement's span starts at the end of the line above). The host reports the line of
 * the node's first token, so a watchdog timeout in `while (true) { n++; }` points at the loop's line.
 */
import * as assert from 'assert';
import ts from 'typescript';
import { tokenStart } from '../../extension/host/analysis-channel';

describe('host: the start of a stopped run\'s node', () => {
  const source = `let n = 0;\nconsole.log('start'); // begin\n/* the loop */\n  while (true) { n++; }\n`;
  const sf = ts.createSourceFile('f.ts', source, ts.ScriptTarget.ES2022, true);
  const loop = sf.statements[2];
  const line = (pos: number): number => source.slice(0, pos).split('\n').length;

  it('skips whitespace, line and block comments to the first token, as the compiler finds it', () => {
    assert.strictEqual(line(loop.pos), 2, 'the full span starts on the line above');
    assert.strictEqual(tokenStart(source, loop.pos, loop.end), loop.getStart(sf));
    assert.strictEqual(line(tokenStart(source, loop.pos, loop.end)), 4);
  });

  it('stays within the span, and leaves a span that starts at a token as it is', () => {
    const n = sf.statements[0];
    assert.strictEqual(tokenStart(source, n.pos, n.end), 0);
    assert.strictEqual(tokenStart('   ', 0, 2), 2);
    assert.strictEqual(tokenStart('/* never closed', 0, 15), 15);
  });
});
