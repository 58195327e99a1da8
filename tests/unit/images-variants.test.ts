import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { ImageCache, sha256 } from '../../src/images/cache.ts';
import { makeVariants, targetWidths, ImageVariantError } from '../../src/images/make-variants.ts';
import type { ImageKind } from '../../src/images/sniff-image-type.ts';
import {
  hasGpsPointer,
  makeAnimatedGif,
  makeDeclaredGigapixelPng,
  makeRotatedJpegWithGps,
  makeTransparentPng,
  SVG_WITH_SCRIPT,
} from '../helpers/make-test-images.ts';

async function withCache<T>(run: (cache: ImageCache) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'wirepress-variants-'));
  try {
    return await run(new ImageCache(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const source = (bytes: Buffer, kind: ImageKind) => ({ bytes, kind, hash: sha256(bytes) });

test('should publish only widths the image can fill, plus its own width when narrower than the largest', () => {
  assert.deepEqual(targetWidths(2000, [480, 960, 1440]), [480, 960, 1440]);
  assert.deepEqual(targetWidths(1440, [1440, 480, 960]), [480, 960, 1440]);
  assert.deepEqual(targetWidths(700, [480, 960, 1440]), [480, 700]);
  assert.deepEqual(targetWidths(300, [480, 960]), [300]);
});

test('should turn the EXIF orientation into pixels and publish no EXIF or GPS', async () => {
  const input = await makeRotatedJpegWithGps();
  const before = await sharp(input).metadata();
  assert.equal(before.orientation, 6);
  assert.ok(hasGpsPointer(before.exif), 'the test input carries a GPS IFD');

  await withCache(async (cache) => {
    const manifest = await makeVariants(source(input, 'jpeg'), cache, { widths: [64, 480], maxPixels: 1e6 });
    // 200×100 shown rotated is 100×200: 64 wide, then its own 100 (< 480), never enlarged.
    assert.deepEqual(manifest.widths, [64, 100]);
    assert.deepEqual([manifest.width, manifest.height], [100, 200]);
    assert.deepEqual(manifest.files.map((f) => f.format).sort(), ['avif', 'avif', 'jpeg', 'jpeg', 'webp', 'webp']);
    for (const file of manifest.files) {
      const meta = await sharp(await readFile(cache.variantPath(file.name))).metadata();
      assert.equal(meta.format, file.format === 'avif' ? 'heif' : file.format, file.name);
      assert.equal(meta.width, file.width, file.name);
      assert.equal(meta.height, file.width * 2, file.name);
      assert.equal(meta.exif, undefined, `${file.name} has no EXIF`);
      assert.equal(meta.orientation, undefined, `${file.name} has no orientation tag`);
      assert.equal(meta.icc, undefined, `${file.name} has no ICC profile`);
      const bytes = await readFile(cache.variantPath(file.name));
      assert.equal(bytes.includes('wirepress-test-owner'), false, `${file.name} leaks the Copyright tag`);
    }
  });
});

test('should keep transparency in WebP/AVIF and fall back to PNG, not JPEG', async () => {
  await withCache(async (cache) => {
    const manifest = await makeVariants(source(await makeTransparentPng(), 'png'), cache, { widths: [480], maxPixels: 1e6 });
    const formats = manifest.files.map((f) => f.format).sort();
    assert.deepEqual(formats, ['avif', 'png', 'webp']);
    const webp = manifest.files.find((f) => f.format === 'webp');
    assert.ok(webp);
    assert.equal((await sharp(await readFile(cache.variantPath(webp.name))).metadata()).hasAlpha, true);
  });
});

test('should make still variants from the first frame of an animated GIF', async () => {
  await withCache(async (cache) => {
    const manifest = await makeVariants(source(await makeAnimatedGif(), 'gif'), cache, { widths: [480], maxPixels: 1e6 });
    assert.deepEqual([manifest.width, manifest.height], [40, 30]);
    const jpeg = manifest.files.find((f) => f.format === 'jpeg');
    assert.ok(jpeg);
    const out = sharp(await readFile(cache.variantPath(jpeg.name)));
    const meta = await out.metadata();
    assert.equal(meta.pages ?? 1, 1);
    const { dominant } = await out.stats();
    assert.ok(dominant.r > 200 && dominant.b < 60, 'first (red) frame kept');
  });
});

test('should rasterize an SVG and never publish it as SVG', async () => {
  await withCache(async (cache) => {
    const manifest = await makeVariants(source(Buffer.from(SVG_WITH_SCRIPT), 'svg'), cache, { widths: [480], maxPixels: 1e6 });
    // 50×40 at 144 dpi: twice the declared size.
    assert.deepEqual([manifest.width, manifest.height], [100, 80]);
    for (const file of manifest.files) {
      assert.doesNotMatch(file.name, /svg/);
      const bytes = await readFile(cache.variantPath(file.name));
      assert.equal(bytes.includes('<script'), false);
      assert.notEqual((await sharp(bytes).metadata()).format, 'svg');
    }
  });
});

test('should refuse a small file that declares gigapixels, before decoding it', async () => {
  const bomb = makeDeclaredGigapixelPng();
  assert.ok(bomb.length < 2048, `the crafted PNG is ${bomb.length} bytes`);
  await withCache(async (cache) => {
    await assert.rejects(
      makeVariants(source(bomb, 'png'), cache, { widths: [480], maxPixels: 50_000_000 }),
      (error: unknown) => error instanceof ImageVariantError && /100000×100000/.test(error.message),
    );
  });
});

test('should refuse bytes that are not a decodable image', async () => {
  await withCache(async (cache) => {
    const junk = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('<html>not really</html>')]);
    await assert.rejects(makeVariants(source(junk, 'jpeg'), cache, { widths: [480], maxPixels: 1e6 }), ImageVariantError);
  });
});

test('should store an image once under a content-derived name and reuse it', async () => {
  await withCache(async (cache) => {
    const input = await makeRotatedJpegWithGps();
    const first = await makeVariants(source(input, 'jpeg'), cache, { widths: [64], maxPixels: 1e6 });
    const second = await makeVariants(source(input, 'jpeg'), cache, { widths: [64], maxPixels: 1e6 });
    assert.deepEqual(second, first);
    assert.match(first.files[0]?.name ?? '', /^[a-f0-9]{20}-64\.(avif|webp|jpg)$/);
  });
});
