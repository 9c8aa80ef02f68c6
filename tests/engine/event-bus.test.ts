import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { EventBus } from '../../framework/bus/event-bus.ts';

interface Topics {
  bar: number;
  fill: string;
}

test('handlers run by priority then subscription order; unsubscribing stops delivery', () => {
  const bus = new EventBus<Topics>('test');
  const seen: string[] = [];
  bus.on('bar', (x) => seen.push(`a${x}`));
  const offB = bus.on('bar', (x) => seen.push(`b${x}`), 5);
  bus.on('bar', (x) => seen.push(`c${x}`));
  bus.publish('bar', 1);
  offB();
  bus.publish('bar', 2);
  assert.equal(seen, ['b1', 'a1', 'c1', 'a2', 'c2']);
  assert.ok(bus.hasHandlers('bar'));
  assert.not.ok(bus.hasHandlers('fill'));
});

test('a channel bound before any handler sees handlers added and removed later', () => {
  const bus = new EventBus<Topics>('test');
  const ch = bus.channel('fill');
  assert.not.ok(ch.hasHandlers);
  ch.publish('nobody');
  const seen: string[] = [];
  const off = bus.on('fill', (s) => seen.push(s));
  assert.ok(ch.hasHandlers);
  ch.publish('x');
  off();
  ch.publish('y');
  assert.not.ok(ch.hasHandlers);
  assert.not.ok(bus.hasHandlers('fill'));
  const again = bus.on('fill', (s) => seen.push(`again ${s}`));
  ch.publish('z');
  again();
  bus.on('fill', (s) => seen.push(`after clear? ${s}`));
  bus.clear();
  ch.publish('w');
  assert.equal(seen, ['x', 'again z']);
});

test('a throwing handler is isolated: the others still run and the error is reported once', () => {
  const bus = new EventBus<Topics>('test');
  const errors: string[] = [];
  bus.onHandlerError = (e) => errors.push(`${e.topic}: ${(e.error as Error).message}`);
  const seen: number[] = [];
  bus.on('bar', () => {
    throw new Error('boom');
  });
  bus.on('bar', (x) => seen.push(x));
  bus.channel('bar').publish(7);
  assert.equal(seen, [7]);
  assert.equal(errors, ['bar: boom']);
});

test.run();
