import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { ImageOutcome } from '../../src/images/types.ts';
import { renderSite } from '../../src/site/index.ts';
import { fingerprintPages } from '../../src/site/page-plan.ts';
import { buildSiteData } from '../../src/site/pages/site-data.ts';
import { thumbnailOf } from '../../src/site/pages/thumbnail.ts';
import { loadHtml, makeArticle, makeConfig, rehostedCover } from '../helpers/make-articles.ts';

// Issue #22, item 11: each listing entry shows its re-hosted cover as one small thumbnail.

/** A cover re-hosted by the images stage at the default widths, AVIF first (src/images/describe-outcome.ts). */
function photoCover(name: string, width = 1440, height = 1080): ImageOutcome {
  const widths = [480, 960, 1440].filter((w) => w < width).concat(width);
  const set = (ext: string) => widths.map((w) => `/images/${name}-${w}.${ext} ${w}w`).join(', ');
  return {
    original: `https://cors.zfour.workers.dev/?http://img.example.com/${name}.jpg`,
    origin: `http://img.example.com/${name}.jpg`,
    status: 'rehosted',
    url: `/images/${name}-${width}.jpg`,
    width,
    height,
    srcset: set('jpg'),
    sources: [
      { type: 'image/avif', srcset: set('avif') },
      { type: 'image/webp', srcset: set('webp') },
    ],
  };
}

const gone: ImageOutcome = { original: 'http://img.example.com/gone.jpg', origin: 'http://img.example.com/gone.jpg', status: 'failed', error: 'HTTP 404' };
const offline: ImageOutcome = { original: 'http://img.example.com/later.jpg', origin: 'http://img.example.com/later.jpg', status: 'skipped', error: 'offline' };

const articles = [
  makeArticle({ title: '港口吞吐量再创新高', slug: 'harbour', date: '2021-10-20T09:00:00+08:00', categories: [['财经', '航运']], tags: ['港口'], author: '记者甲', coverImage: photoCover('harbour') }),
  makeArticle({ title: '没有封面的简讯', slug: 'plain', date: '2021-10-19T09:00:00+08:00', categories: [['财经', '航运']], tags: ['港口'], author: '记者甲' }),
  makeArticle({ title: '封面下载失败', slug: 'gone', date: '2021-10-18T09:00:00+08:00', categories: [['财经', '航运']], tags: ['港口'], author: '记者甲', coverImage: gone }),
  makeArticle({ title: '离线构建未取封面', slug: 'offline', date: '2021-10-17T09:00:00+08:00', categories: [['财经', '航运']], tags: ['港口'], author: '记者甲', coverImage: offline }),
  makeArticle({ title: '封面是个图标', slug: 'icon', date: '2021-10-16T09:00:00+08:00', categories: [['财经', '航运']], tags: ['港口'], author: '记者甲', coverImage: photoCover('icon', 32, 32) }),
];

let outDir = '';
const pages = new Map<string, string>();
const LISTINGS = ['index.html', 'categories/财经/航运/index.html', 'tags/港口/index.html', 'archives/2021/10/index.html', 'authors/记者甲/index.html'];

before(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-thumbs-'));
  await renderSite(articles, makeConfig(), { loadHtml, outDir });
  for (const file of LISTINGS) pages.set(file, await readFile(path.join(outDir, file), 'utf8'));
});

after(async () => {
  await rm(outDir, { recursive: true, force: true });
});

/** The listing entry of the article whose URL contains `slug`. */
function entryOf(html: string, slug: string): string {
  const entries = html.split('<article class="summary').slice(1);
  const entry = entries.find((e) => e.includes(`/${slug}/"`));
  assert.ok(entry, `an entry for ${slug}`);
  return entry.slice(0, entry.indexOf('</article>'));
}

test('should show the smallest re-hosted variant, lazy, with its size, on every kind of listing', () => {
  for (const [file, html] of pages) {
    const entry = entryOf(html, 'harbour');
    assert.match(entry, /^ has-thumb"/, `${file}: the entry is marked as having a thumbnail`);
    assert.match(
      entry,
      /<picture><source type="image\/avif" srcset="\/images\/harbour-480\.avif"><img src="\/images\/harbour-480\.jpg" width="480" height="360" alt="" loading="lazy" decoding="async"><\/picture>/,
      file,
    );
    assert.doesNotMatch(entry, /-960\.|-1440\.|webp|\d+w\b|sizes=/, `${file}: one small variant, no srcset of widths`);
  }
});

test('should show no thumbnail, and link no image, for an entry without a cover, with a failed or skipped one, or with an icon for a cover', () => {
  for (const [file, html] of pages) {
    for (const slug of ['plain', 'gone', 'offline', 'icon']) {
      const entry = entryOf(html, slug);
      assert.doesNotMatch(entry, /has-thumb|<img|<picture|summary-thumb/, `${file}: ${slug}`);
    }
    assert.doesNotMatch(html, /img\.example\.com/, `${file} hot-links no cover`);
  }
});

test('should put the thumbnail under the base path', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'wirepress-thumbs-base-'));
  try {
    await renderSite(articles.slice(0, 1), makeConfig({ baseUrl: 'https://example.org/news/' }), { loadHtml, outDir: dir });
    const home = await readFile(path.join(dir, 'index.html'), 'utf8');
    assert.match(home, /<source type="image\/avif" srcset="\/news\/images\/harbour-480\.avif"><img src="\/news\/images\/harbour-480\.jpg"/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('should re-render a listing whose entry gains or changes its thumbnail', () => {
  const fingerprints = (cover: ImageOutcome | undefined) => {
    const article = makeArticle({ title: '港口吞吐量再创新高', slug: 'harbour', date: '2021-10-20T09:00:00+08:00', ...(cover ? { coverImage: cover } : {}) });
    return fingerprintPages(buildSiteData([article], makeConfig()), 'shared').get('index.html');
  };
  const none = fingerprints(undefined);
  const first = fingerprints(photoCover('harbour'));
  const second = fingerprints(photoCover('harbour-new'));
  assert.ok(none && first && second);
  assert.notEqual(none, first);
  assert.notEqual(first, second);
  assert.equal(fingerprints(gone), none, 'a failed cover shows as no cover');
});

test('should size the thumbnail from the smallest candidate whatever the srcset order, and fall back to the one re-hosted file', () => {
  const cover = photoCover('wide', 1600, 900);
  const reversed = { ...cover, srcset: cover.srcset?.split(', ').reverse().join(', ') };
  assert.deepEqual(thumbnailOf(reversed), { src: '/images/wide-480.jpg', source: { type: 'image/avif', srcset: '/images/wide-480.avif' }, width: 480, height: 270 });
  // An outcome from before variants had modern formats, or without a srcset.
  assert.deepEqual(thumbnailOf({ ...rehostedCover('old'), sources: [] }), { src: '/images/old-480.jpg', source: undefined, width: 480, height: 270 });
  assert.deepEqual(thumbnailOf({ ...rehostedCover('bare'), srcset: undefined, sources: undefined }), { src: '/images/bare-960.jpg', source: undefined, width: 960, height: 540 });
  // Without a known size the box could not be reserved.
  assert.equal(thumbnailOf({ ...rehostedCover('unsized'), width: undefined }), undefined);
  assert.equal(thumbnailOf({ ...rehostedCover('cached'), status: 'cached' })?.src, '/images/cached-480.jpg');
  assert.equal(thumbnailOf(undefined), undefined);
});
