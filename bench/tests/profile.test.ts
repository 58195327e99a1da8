import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarizeProfile } from '../profile.ts';

test('should total self time per package and inclusive time per wirepress function', () => {
  const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });
  const summary = summarizeProfile({
    nodes: [
      { id: 1, callFrame: frame('(root)', ''), children: [2, 4] },
      { id: 2, callFrame: frame('sanitizeArticle', 'file:///app/dist/sanitize/sanitize-article.js'), children: [3] },
      { id: 3, callFrame: frame('parse', 'file:///app/node_modules/parse5/dist/index.js') },
      { id: 4, callFrame: frame('(garbage collector)', '') },
    ],
    samples: [3, 3, 2, 4],
    timeDeltas: [1000, 1000, 500, 3000],
  });
  assert.equal(summary.totalMs, 6);
  assert.deepEqual(summary.groups.find((g) => g.name === 'parse5'), { name: 'parse5', ms: 2 });
  assert.deepEqual(summary.groups.find((g) => g.name === 'wirepress sanitize/sanitize-article.js'), { name: 'wirepress sanitize/sanitize-article.js', ms: 1 });
  assert.deepEqual(summary.ours, [{ name: 'sanitizeArticle sanitize/sanitize-article.js', ms: 3 }]);
  assert.equal(summary.functions[0]?.name, '(garbage collector) :1');
});
