import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedHost } from '../../src/server/host-check.ts';

const LOOPBACK = { host: '127.0.0.1', port: 8080 };

test('should allow the server’s own names with its port', () => {
  for (const host of ['127.0.0.1:8080', 'localhost:8080', 'LOCALHOST:8080', '[::1]:8080', ' localhost:8080 ']) {
    assert.equal(isAllowedHost(host, LOOPBACK), true, host);
  }
});

test('should refuse other names, other ports and malformed headers (DNS rebinding)', () => {
  const refused = [
    undefined,
    '',
    'evil.example:8080',
    'evil.example',
    '127.0.0.1.nip.io:8080',
    'localhost.evil.example:8080',
    '127.0.0.1:8081',
    '127.0.0.1',
    'localhost:80',
    '[::1]:9090',
    '::1:8080',
    'localhost:8080:8080',
    'localhost:99999',
    'user@localhost:8080',
    '192.168.1.5:8080',
  ];
  for (const host of refused) assert.equal(isAllowedHost(host, LOOPBACK), false, String(host));
});

test('should allow the --host value and, on a wildcard address, IP literals only', () => {
  assert.equal(isAllowedHost('devbox.lan:3000', { host: 'devbox.lan', port: 3000 }), true);
  assert.equal(isAllowedHost('[fe80::1]:3000', { host: 'fe80::1', port: 3000 }), true);
  const any = { host: '0.0.0.0', port: 3000 };
  assert.equal(isAllowedHost('192.168.1.5:3000', any), true);
  assert.equal(isAllowedHost('[fd00::5]:3000', any), true);
  assert.equal(isAllowedHost('attacker.example:3000', any), false);
});

test('should take a missing port as 80', () => {
  assert.equal(isAllowedHost('localhost', { host: '127.0.0.1', port: 80 }), true);
  assert.equal(isAllowedHost('localhost', { host: '127.0.0.1', port: 8080 }), false);
});
