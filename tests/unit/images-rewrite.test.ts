import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import type { Root } from 'hast';
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { rewriteImageMarkup, type RewriteImageOptions } from '../../src/images/rewrite-image-markup.ts';
import type { ImageOutcome } from '../../src/images/types.ts';
import { sanitizeArticle, serializeWithImageSlots } from '../../src/sanitize/index.ts';
import { corpusPosts, formatOf, hasCorpus } from '../helpers/corpus-posts.ts';

const parse = (html: string) => unified().use(rehypeParse, { fragment: true }).parse(html) as Root;

/** Rewrites HTML as the build rewrites a sanitized body: its image slots found while it is serialized. */
function rewrite(html: string, outcomes: ReadonlyMap<string, ImageOutcome>, options?: RewriteImageOptions): string {
  return rewriteImageMarkup(serializeWithImageSlots(parse(html)), outcomes, options);
}

const proxied = (url: string) => `https://cors.zfour.workers.dev/?${url}`;

function rehosted(original: string, origin: string, key: string, width: number, height: number): ImageOutcome {
  const set = (ext: string) => `/images/${key}-480.${ext} 480w, /images/${key}-${width}.${ext} ${width}w`;
  return {
    original,
    origin,
    status: 'rehosted',
    url: `/images/${key}-${width}.jpg`,
    srcset: set('jpg'),
    sources: [
      { type: 'image/avif', srcset: set('avif') },
      { type: 'image/webp', srcset: set('webp') },
    ],
    width,
    height,
  };
}

const storm = proxied('http://img.example.com/storm.jpg');
const gone = proxied('http://img.example.com/gone.png?x-oss-process=image/resize,w_800&q=60');
const port = 'http://img.example.com/port.jpg';
const outcomes = new Map<string, ImageOutcome>([
  [storm, rehosted(storm, 'http://img.example.com/storm.jpg', 'aaaa', 1440, 810)],
  [gone, { original: gone, origin: 'http://img.example.com/gone.png?x-oss-process=image/resize,w_800&q=60', status: 'failed', error: 'HTTP 404' }],
  [port, { ...rehosted(port, port, 'bbbb', 700, 350), status: 'cached' }],
]);

test('should match the golden output for a body mixing re-hosted, failed and unknown images', async () => {
  const dir = new URL('../fixtures/images/rewrite/mixed/', import.meta.url);
  const output = rewrite(await readFile(new URL('input.html', dir), 'utf8'), outcomes, { eagerFirst: true });
  if (process.env.UPDATE === '1') await writeFile(new URL('expected.html', dir), output);
  assert.equal(output, await readFile(new URL('expected.html', dir), 'utf8'));
});

test('should wrap a re-hosted image in <picture> with AVIF, then WebP, then the fallback <img>', () => {
  const html = rewrite(`<p><img src="${storm}" alt="Waves &amp; wind" width="20"></p>`, outcomes);
  assert.equal(
    html,
    '<p><picture>' +
      '<source type="image/avif" srcset="/images/aaaa-480.avif 480w, /images/aaaa-1440.avif 1440w" sizes="(min-width: 960px) 960px, 100vw">' +
      '<source type="image/webp" srcset="/images/aaaa-480.webp 480w, /images/aaaa-1440.webp 1440w" sizes="(min-width: 960px) 960px, 100vw">' +
      '<img src="/images/aaaa-1440.jpg" alt="Waves &#x26; wind" srcset="/images/aaaa-480.jpg 480w, /images/aaaa-1440.jpg 1440w" sizes="(min-width: 960px) 960px, 100vw" width="1440" height="810" loading="lazy" decoding="async">' +
      '</picture></p>',
  );
});

test('should load only the first image eagerly when asked', () => {
  const body = `<img src="${storm}" alt=""><img src="${port}" alt=""><img src="${gone}" alt="">`;
  const eager = rewrite(body, outcomes, { eagerFirst: true });
  assert.equal(eager.match(/loading="eager"/g)?.length, 1);
  assert.equal(eager.match(/fetchpriority="high"/g)?.length, 1);
  assert.ok(eager.indexOf('loading="eager"') < eager.indexOf('/images/bbbb'), 'the eager one is the first');
  assert.equal(eager.match(/loading="lazy"/g)?.length, 2);
  const lazy = rewrite(body, outcomes);
  assert.equal(lazy.match(/loading="lazy"/g)?.length, 3);
  assert.doesNotMatch(lazy, /eager|fetchpriority/);
});

test('should point a failed image at its origin, never the proxy, without a referrer', () => {
  const html = rewrite(`<img src="${gone.replace('&', '&amp;')}" alt="x" srcset="${gone} 2x">`, outcomes);
  assert.equal(
    html,
    '<img src="http://img.example.com/gone.png?x-oss-process=image/resize,w_800&#x26;q=60" alt="x" referrerpolicy="no-referrer" loading="lazy">',
  );
  assert.doesNotMatch(html, /cors\.zfour/);
});

test('should size a narrow image at its own width', () => {
  const html = rewrite(`<img src="${port}">`, outcomes);
  assert.match(html, /sizes="\(min-width: 700px\) 700px, 100vw"/);
  assert.match(html, / alt=""/, 'an image without alt gets an empty one');
});

test('should drop an image that was not re-hosted when asked, keeping its caption and the re-hosted ones', () => {
  const html = `<figure><img src="${gone}" alt="gone"><figcaption>港口夜景</figcaption></figure><p><img src="${storm}" alt="storm"></p>`;
  const output = rewrite(html, outcomes, { dropUnhosted: true });
  assert.doesNotMatch(output, /gone\.png/);
  assert.match(output, /<figure><figcaption>港口夜景<\/figcaption><\/figure>/);
  assert.match(output, /<picture>.*src="\/images\/aaaa-1440\.jpg"/);
});

test('should put re-hosted image URLs under the base path of the site', () => {
  const output = rewrite(`<img src="${storm}" alt="">`, outcomes, { basePath: '/news' });
  assert.match(output, /src="\/news\/images\/aaaa-1440\.jpg"/);
  assert.match(output, /srcset="\/news\/images\/aaaa-480\.jpg 480w, \/news\/images\/aaaa-1440\.jpg 1440w"/);
  assert.doesNotMatch(output, /[" ]\/images\//, 'no URL left without the base path');
});

test('should drop the <source>s of a picture whose image was not re-hosted, so nothing hot-links the proxy', () => {
  const html = `<picture><source srcset="${gone} 800w" type="image/png"><img src="${gone}" alt=""></picture>`;
  const output = rewrite(html, outcomes);
  assert.doesNotMatch(output, /cors\.zfour|<source/);
  assert.match(output, /<picture><img src="http:\/\/img\.example\.com\/gone\.png\?x-oss-process=image\/resize,w_800&#x26;q=60"[^>]*referrerpolicy="no-referrer"/);
});

/** The body rewritten as one tree, as the rewrite worked before it had slots: the reference for the slots. */
function rewriteWhole(html: string, outcomes: ReadonlyMap<string, ImageOutcome>, options?: RewriteImageOptions): string {
  const whole = { type: 'element' as const, tagName: 'div', properties: {}, children: parse(html).children as never };
  const output = rewriteImageMarkup({ html, imageSlots: [{ start: 0, end: html.length, element: whole }] }, outcomes, options);
  return output.slice('<div>'.length, -'</div>'.length);
}

test('should rewrite every real post by its image slots exactly as a rewrite of the whole body', { skip: hasCorpus ? false : 'needs ../shared/corpus' }, () => {
  let images = 0;
  for (const post of corpusPosts()) {
    const { format, body } = formatOf(post.body);
    const sanitized = sanitizeArticle(body, format, { proxyPrefixes: ['https://cors.zfour.workers.dev/?'] }).body;
    // Every other image re-hosted, the others failed: both kinds of markup, in and out of <picture>.
    const mixed = new Map<string, ImageOutcome>(
      sanitized.images.map((image, i): [string, ImageOutcome] => [
        image.original,
        i % 2 === 0
          ? rehosted(image.original, image.original, `k${i}`, 800, 600)
          : { original: image.original, origin: 'http://img.example.com/origin.jpg', status: 'failed', error: 'HTTP 404' },
      ]),
    );
    for (const options of [{ eagerFirst: true }, { dropUnhosted: true, basePath: '/news' }]) {
      assert.equal(rewriteImageMarkup(sanitized, mixed, options), rewriteWhole(sanitized.html, mixed, options), `${post.name} ${JSON.stringify(options)}`);
    }
    assert.equal(rewriteImageMarkup(sanitized, new Map(), {}), sanitized.html, `${post.name}: images without outcome stay as they are`);
    images += sanitized.imageSlots.length;
  }
  assert.ok(images > 100, `only ${images} image slots in the corpus`);
});
