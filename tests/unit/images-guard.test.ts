import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkUrlTarget } from '../../src/images/check-url-target.ts';
import { fetchImage } from '../../src/images/fetch-image.ts';
import { createGuardedAgent } from '../../src/images/guarded-agent.ts';
import { isPublicAddress } from '../../src/images/is-public-address.ts';
import { createLoopbackOnlyAgent } from '../helpers/loopback-only-agent.ts';
import { makeJpeg } from '../helpers/make-test-images.ts';
import { redirect, serve, startOriginServer } from '../helpers/origin-server.ts';

const options = { allowHosts: [] as string[], timeoutMs: 2000, maxBytes: 1 << 20, retries: 0 };

test('should treat only public unicast addresses as public', () => {
  for (const address of ['8.8.8.8', '1.1.1.1', '203.119.1.1', '2606:4700:4700::1111']) {
    assert.equal(isPublicAddress(address), true, address);
  }
  const refused = [
    '127.0.0.1', '127.8.9.10', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1',
    '0.0.0.0', '224.0.0.1', '255.255.255.255', '192.0.2.1', '198.18.0.1', '240.0.0.1',
    '::1', '::', 'fe80::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1',
    '64:ff9b::a00:1', '2002:7f00:1::1', 'not-an-ip', '',
  ];
  for (const address of refused) assert.equal(isPublicAddress(address), false, address);
});

test('should refuse IP literals in every notation the URL parser normalizes', () => {
  const urls = [
    'http://2130706433/', 'http://0x7f.1/', 'http://0x7f000001/', 'http://017700000001/', 'http://127.1/',
    'http://0177.0.0.1/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://[::1]/',
    'http://[0:0:0:0:0:0:0:1]/', 'http://0/', 'http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data/',
    'http://0xa9fea9fe/', 'https://100.64.1.1/', 'http://[fd00::1]:8080/',
  ];
  for (const url of urls) assert.match(checkUrlTarget(new URL(url), []) ?? '', /^refused: .* is not a public address$/, url);
  assert.equal(checkUrlTarget(new URL('http://8.8.8.8/a.jpg'), []), undefined);
  assert.equal(checkUrlTarget(new URL('https://img.ithome.com/a.jpg'), []), undefined);
});

test('should refuse other protocols and URLs with credentials', () => {
  assert.match(checkUrlTarget(new URL('ftp://example.com/a.jpg'), []) ?? '', /unsupported protocol ftp:/);
  assert.match(checkUrlTarget(new URL('file:///etc/passwd'), []) ?? '', /unsupported protocol file:/);
  assert.match(checkUrlTarget(new URL('http://user:pw@example.com/a.jpg'), []) ?? '', /credentials/);
});

test('should let allowHosts through by exact hostname only', () => {
  assert.equal(checkUrlTarget(new URL('http://127.0.0.1:8080/a.jpg'), ['127.0.0.1']), undefined);
  assert.equal(checkUrlTarget(new URL('http://[::1]:8080/a.jpg'), ['::1']), undefined);
  assert.match(checkUrlTarget(new URL('http://127.0.0.2/a.jpg'), ['127.0.0.1']) ?? '', /refused/);
  assert.match(checkUrlTarget(new URL('http://2130706433/'), ['2130706433']) ?? '', /refused/);
});

test('should refuse non-public literal hosts without any connection attempt', async () => {
  const { agent, outside } = createLoopbackOnlyAgent();
  try {
    for (const url of ['http://[::1]/a.jpg', 'http://0x7f000001/a.jpg', 'http://10.0.0.1/a.jpg', 'http://169.254.169.254/latest/meta-data/']) {
      await assert.rejects(fetchImage(url, { ...options, dispatcher: agent }), /^ImageFetchError: refused: .* is not a public address$/, url);
    }
    assert.deepEqual(outside, []);
  } finally {
    await agent.close();
  }
});

test('should refuse 127.0.0.1 when it is not in allowHosts, and fetch it when it is', async () => {
  const server = await startOriginServer({ '/a.jpg': serve(await makeJpeg(20, 10), 'image/jpeg') });
  const { agent } = createLoopbackOnlyAgent();
  try {
    await assert.rejects(fetchImage(`${server.origin}/a.jpg`, { ...options, dispatcher: agent }), /refused: 127\.0\.0\.1/);
    assert.equal(server.count('/a.jpg'), 0);
    const image = await fetchImage(`${server.origin}/a.jpg`, { ...options, allowHosts: ['127.0.0.1'], dispatcher: agent });
    assert.equal(image.kind, 'jpeg');
    assert.equal(server.count('/a.jpg'), 1);
  } finally {
    await agent.close();
    await server.close();
  }
});

test('should check the resolved address: a name resolving to loopback is refused unless allowed', async () => {
  const server = await startOriginServer({ '/a.jpg': serve(await makeJpeg(20, 10), 'image/jpeg') });
  const url = `http://localhost:${server.port}/a.jpg`;
  const guarded = createGuardedAgent([]);
  const allowed = createGuardedAgent(['localhost']);
  try {
    await assert.rejects(fetchImage(url, { ...options, dispatcher: guarded }), /refused: localhost resolves to non-public address/);
    assert.equal(server.count('/a.jpg'), 0);
    const image = await fetchImage(url, { ...options, allowHosts: ['localhost'], dispatcher: allowed });
    assert.equal(image.kind, 'jpeg');
  } finally {
    await guarded.close();
    await allowed.close();
    await server.close();
  }
});

test('should re-check every redirect target', async () => {
  const server = await startOriginServer({
    '/to-metadata': redirect('http://169.254.169.254/latest/meta-data/'),
    '/to-private': redirect('http://10.1.2.3/a.jpg'),
    '/a.jpg': serve(await makeJpeg(20, 10), 'image/jpeg'),
  });
  const { agent, outside } = createLoopbackOnlyAgent();
  const allowLocal = { ...options, allowHosts: ['127.0.0.1'], dispatcher: agent };
  const guarded = createGuardedAgent(['localhost']);
  try {
    await assert.rejects(fetchImage(`${server.origin}/to-metadata`, allowLocal), /refused: 169\.254\.169\.254/);
    await assert.rejects(fetchImage(`${server.origin}/to-private`, allowLocal), /refused: 10\.1\.2\.3/);
    assert.deepEqual(outside, []);
    // Allowed as "localhost", redirected to 127.0.0.1, which is not allowed.
    const routes = await startOriginServer({ '/hop': redirect(`${server.origin}/a.jpg`) });
    try {
      await assert.rejects(
        fetchImage(`http://localhost:${routes.port}/hop`, { ...options, allowHosts: ['localhost'], dispatcher: guarded }),
        /refused: 127\.0\.0\.1/,
      );
      assert.equal(server.count('/a.jpg'), 0);
    } finally {
      await routes.close();
    }
  } finally {
    await agent.close();
    await guarded.close();
    await server.close();
  }
});
