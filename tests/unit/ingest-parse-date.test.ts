import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDate } from '../../src/ingest/parse-date.ts';

const iso = (value: string, zone = 'Asia/Shanghai') => parseDate(value, zone)?.iso;

test('should read RFC 2822 dates in GMT and show them in the site timezone', () => {
  assert.equal(iso('Tue, 19 Oct 2021 00:49:00 GMT'), '2021-10-19T08:49:00+08:00');
  assert.equal(parseDate('Tue, 19 Oct 2021 00:49:00 GMT', 'Asia/Shanghai')?.timestamp, Date.UTC(2021, 9, 19, 0, 49));
});

test('should read RFC 2822 dates with numeric offsets, without weekday or seconds', () => {
  assert.equal(iso('Tue, 19 Oct 2021 08:49:00 +0800'), '2021-10-19T08:49:00+08:00');
  assert.equal(iso('19 Oct 2021 00:49:00 -0500'), '2021-10-19T13:49:00+08:00');
  assert.equal(iso('19 Oct 2021 00:49 UT'), '2021-10-19T08:49:00+08:00');
  assert.equal(iso('Sun, 31 Oct 2021 00:00:00 EDT', 'UTC'), '2021-10-31T04:00:00+00:00');
});

test('should read zoneless dates as wall time in the site timezone', () => {
  assert.equal(iso('2021-10-28 14:08:07'), '2021-10-28T14:08:07+08:00');
  assert.equal(iso('2021-10-28 14:08'), '2021-10-28T14:08:00+08:00');
  assert.equal(iso('2021-10-28'), '2021-10-28T00:00:00+08:00');
  assert.equal(iso('2021/10/28 14:08:07'), '2021-10-28T14:08:07+08:00');
  assert.equal(iso('2021-10-28 14:08:07', 'UTC'), '2021-10-28T14:08:07+00:00');
  assert.equal(parseDate('2021-10-28 14:08:07', 'Asia/Shanghai')?.timestamp, Date.UTC(2021, 9, 28, 6, 8, 7));
});

test('should read ISO 8601 with and without an offset', () => {
  assert.equal(iso('2021-10-19T00:49:00Z'), '2021-10-19T08:49:00+08:00');
  assert.equal(iso('2021-10-19T08:49:00+08:00'), '2021-10-19T08:49:00+08:00');
  assert.equal(iso('2021-10-19T02:49:00+0200'), '2021-10-19T08:49:00+08:00');
  assert.equal(iso('2021-10-19T08:49:00'), '2021-10-19T08:49:00+08:00');
  assert.equal(iso('2021-10-19T08:49:00.250Z', 'UTC'), '2021-10-19T08:49:00.250+00:00');
});

test('should apply daylight saving time in a DST zone (Europe/Berlin)', () => {
  assert.equal(iso('2021-01-15 12:00:00', 'Europe/Berlin'), '2021-01-15T12:00:00+01:00');
  assert.equal(iso('2021-07-15 12:00:00', 'Europe/Berlin'), '2021-07-15T12:00:00+02:00');
  assert.equal(parseDate('2021-07-15 12:00:00', 'Europe/Berlin')?.timestamp, Date.UTC(2021, 6, 15, 10));
  // Instants given in GMT take the offset in force on that day.
  assert.equal(iso('Mon, 01 Mar 2021 12:00:00 GMT', 'Europe/Berlin'), '2021-03-01T13:00:00+01:00');
  assert.equal(iso('Thu, 01 Apr 2021 12:00:00 GMT', 'Europe/Berlin'), '2021-04-01T14:00:00+02:00');
});

test('should move a time skipped by the spring-forward jump forward and take the first of a repeated time', () => {
  // 2021-03-28 02:00 → 03:00 in Berlin: 02:30 does not exist.
  assert.equal(iso('2021-03-28 02:30:00', 'Europe/Berlin'), '2021-03-28T03:30:00+02:00');
  // 2021-10-31 03:00 → 02:00: 02:30 happens twice; the first is still summer time.
  assert.equal(iso('2021-10-31 02:30:00', 'Europe/Berlin'), '2021-10-31T02:30:00+02:00');
  assert.equal(iso('2021-10-31 03:30:00', 'Europe/Berlin'), '2021-10-31T03:30:00+01:00');
});

test('should reject text that is not a date, and impossible days and times', () => {
  for (const value of ['yesterday', '', '2021', '2021-10', '2021-02-30', '2021-13-01', '2021-10-19 24:00:00', '2021-10-19 12:60', '32 Oct 2021 00:49:00 GMT', '19 Foo 2021 00:49:00 GMT', '19 Oct 2021 00:49:00 +2500', '2021-10-19T08:49:00+08:00 extra']) {
    assert.equal(parseDate(value, 'Asia/Shanghai'), undefined, value);
  }
});

test('should accept 29 February only in leap years', () => {
  assert.equal(iso('2020-02-29'), '2020-02-29T00:00:00+08:00');
  assert.equal(parseDate('2021-02-29', 'Asia/Shanghai'), undefined);
});
