import * as assert from 'node:assert/strict';
import { mapLine, mapLines, type LineEdit } from '../../extension/host/line-map';

const edit = (startLine: number, endLine: number, insertedLines: number, startsAtLineEnd = false): LineEdit => ({ startLine, endLine, insertedLines, startsAtLineEnd });

describe('line-map: annotations follow edits', () => {
  const cases: [string, number, LineEdit, number | undefined][] = [
    ['a line above the edit stays', 2, edit(5, 5, 1), 2],
    ['a line below an inserted line moves down', 7, edit(5, 5, 1), 8],
    ['a line below two deleted lines moves up', 9, edit(3, 5, 0), 7],
    ['Enter in the middle of a line moves its end down', 5, edit(5, 5, 1), 6],
    ['Enter at the end of a line keeps its end', 5, edit(5, 5, 1, true), 5],
    ['a line whose end was deleted is dropped', 4, edit(3, 5, 0), undefined],
    ['the last line of a multi-line deletion joins the first', 5, edit(3, 5, 0), 3],
    ['typing on the line keeps it', 5, edit(5, 5, 0), 5],
  ];
  for (const [name, line, e, want] of cases) it(name, () => assert.equal(mapLine(line, e), want));

  it('applies the edits of one change event in order and keeps the other fields', () => {
    const out = mapLines([{ line: 1, text: 'a' }, { line: 10, text: 'b' }], [edit(8, 8, 2), edit(0, 0, 1)]);
    assert.deepEqual(out, [{ line: 2, text: 'a' }, { line: 13, text: 'b' }]);
  });
});
