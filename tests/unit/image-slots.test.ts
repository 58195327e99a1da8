import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { serializeWithImageSlots } from '../../src/sanitize/index.ts';

const parse = (html: string) => unified().use(rehypeParse, { fragment: true }).parse(html) as Root;

test('should serialize like hast-util-to-html and mark each image, a <picture> as a whole', () => {
  const tree = parse(
    '<figure><img src="a.jpg" alt="A &amp; B"><figcaption>港口</figcaption></figure>' +
      '<picture><source srcset="b.webp" type="image/webp"><img src="b.jpg"></picture>' +
      '<p>before<img src="c.jpg">after</p><picture><source srcset="d.webp"></picture>',
  );
  const before = structuredClone(tree);
  const { html, imageSlots } = serializeWithImageSlots(tree);
  assert.equal(html, toHtml(before));
  assert.deepEqual(
    imageSlots.map((slot) => html.slice(slot.start, slot.end)),
    ['<img src="a.jpg" alt="A &#x26; B">', '<picture><source srcset="b.webp" type="image/webp"><img src="b.jpg"></picture>', '<img src="c.jpg">'],
  );
  assert.deepEqual(imageSlots.map((slot) => slot.element.tagName), ['img', 'picture', 'img']);
  assert.deepEqual(tree, before, 'the tree is left as it was');
});

test('should find the images when an attribute spells the comment that marks them', () => {
  const tree = parse('<p title="<!--wirepress-image-0-->"><img src="a.jpg" alt="<!--wirepress-image-1-->"></p>');
  const { html, imageSlots } = serializeWithImageSlots(tree);
  assert.equal(html, toHtml(tree));
  assert.equal(imageSlots.length, 1);
  assert.equal(html.slice(imageSlots[0]!.start, imageSlots[0]!.end), '<img src="a.jpg" alt="<!--wirepress-image-1-->">');
});

test('should keep no source positions in the slots it returns', () => {
  const tree = unified().use(rehypeParse, { fragment: true }).parse('<p><picture><img src="a.jpg"></picture></p>') as Root;
  const { imageSlots } = serializeWithImageSlots(tree);
  assert.ok(tree.children[0]?.position, 'the parse had positions');
  assert.doesNotMatch(JSON.stringify(imageSlots), /"position"/);
});

test('should give a body without images no slots', () => {
  assert.deepEqual(serializeWithImageSlots(parse('<p>text only</p>')), { html: '<p>text only</p>', imageSlots: [] });
});
