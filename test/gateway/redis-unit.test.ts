// Unit tests of the Redis engine's pure parts: the presence replica's order and the wire format.
import t from 'tap';
import { PresenceReplica, type ReplicaRecord } from '../../src/presence-replica.js';
import { decodeFrame, decodeRecord, encodeFrame, encodeRecord, type WireFrame } from '../../src/redis-wire.js';

const rec = (connectionId: string, joinedAt: number, channel = 'c', node = 'n1', db = 'd'): ReplicaRecord => ({ db, channel, connectionId, joinedAt, userInfo: '{}', node });
const ids = (rs: ReplicaRecord[]) => rs.map((r) => r.connectionId);

t.test('replica: joinedAt order, ties in arrival order, late arrivals inserted, re-join moves', async (t) => {
  const r = new PresenceReplica();
  r.add(rec('a', 10));
  r.add(rec('b', 20));
  r.add(rec('c', 20));
  t.same(ids(r.list('d', 'c')), ['a', 'b', 'c']);
  r.add(rec('late', 15, 'c', 'n2')); // from a node whose event came in after newer local joins
  t.same(ids(r.list('d', 'c')), ['a', 'late', 'b', 'c']);
  r.add(rec('first', 5));
  t.same(ids(r.list('d', 'c')), ['first', 'a', 'late', 'b', 'c']);
  t.equal(r.add(rec('a', 30))?.joinedAt, 10, 'a re-join returns the replaced record');
  t.same(ids(r.list('d', 'c')), ['first', 'late', 'b', 'c', 'a']);
  t.equal(r.size, 5);
  t.equal(r.remove('d', 'c', 'late')?.node, 'n2');
  t.equal(r.remove('d', 'c', 'late'), undefined, 'removing twice is a no-op');
  r.add(rec('x', 1, 'other'));
  t.same([...r.channels()], [['1:d:c', 4], ['1:d:other', 1]]);
  t.equal(r.size, 5);
  for (const id of ['first', 'b', 'c', 'a']) r.remove('d', 'c', id);
  t.same([...r.channels()], [['1:d:other', 1]], 'empty channels are dropped');
  t.same(r.list('d', 'c'), []);
});

t.test('wire: frames and records keep byte strings and newlines intact', async (t) => {
  const bytes = 'r\u00e9\u00ff\n\u0000"\\\u0080'; // a Lua byte string: chars 0..255, not valid UTF-8
  const frames: WireFrame[] = [
    { kind: 'pub', node: 'a', db: 'd', channel: bytes, timestamp: 1705123456789, senderId: undefined, data: `{"t":"${bytes}"}\n{}` },
    { kind: 'pub', node: 'a', db: '_system', channel: 'c', timestamp: 1, senderId: '6f1c', data: '[]' },
    { kind: 'leave', node: 'b', owner: 'dead', db: 'd.b', channel: bytes, connectionId: 'id', timestamp: 2, joinedAt: 1, userInfo: bytes },
  ];
  for (const f of frames) {
    const buf = encodeFrame(f);
    t.equal(buf.length, buf.toString('latin1').length, 'one byte per char');
    t.same(decodeFrame(buf), f);
  }
  t.equal(decodeFrame(Buffer.from('no header')), undefined);
  t.equal(decodeFrame(Buffer.from('["pub"]\n{}')), undefined);
  const r = { db: 'd', channel: bytes, connectionId: 'id', joinedAt: 3, userInfo: `{"n":"${bytes}"}` };
  t.same(decodeRecord(encodeRecord(r)), r);
});
