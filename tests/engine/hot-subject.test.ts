import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { map } from 'rxjs';
import { HotSubject } from '../../framework/bus/hot-subject.ts';

test('HotSubject delivers in subscription order, supports operators, unsubscribe and complete', () => {
  const s = new HotSubject<number>();
  const seen: string[] = [];
  const a = s.subscribe((x) => seen.push(`a${x}`));
  s.pipe(map((x) => x * 10)).subscribe({ next: (x) => seen.push(`b${x}`), complete: () => seen.push('b done') });
  s.next(1);
  a.unsubscribe();
  s.next(2);
  s.complete();
  s.next(3);
  assert.equal(seen, ['a1', 'b10', 'b20', 'b done']);
});

test('a subscriber that unsubscribes itself during next does not break delivery to the others', () => {
  const s = new HotSubject<number>();
  const seen: string[] = [];
  const sub = s.subscribe((x) => {
    seen.push(`a${x}`);
    sub.unsubscribe();
  });
  s.subscribe((x) => seen.push(`b${x}`));
  s.next(1);
  s.next(2);
  assert.equal(seen, ['a1', 'b1', 'b2'], 'the snapshot taken before the call still reaches b');
});

test('the snapshot follows subscribe and unsubscribe between calls (RxJS internals still as relied on)', () => {
  const s = new HotSubject<number>();
  const seen: number[] = [];
  s.next(0);
  const sub = s.subscribe((x) => seen.push(x));
  s.next(1);
  sub.unsubscribe();
  s.next(2);
  s.subscribe((x) => seen.push(x * 100));
  s.next(3);
  assert.equal(seen, [1, 300]);
});

test('plain listeners run before the RxJS subscribers, can be removed, and a throw reaches the caller of next', () => {
  const s = new HotSubject<number>();
  const seen: string[] = [];
  s.subscribe((x) => seen.push(`rx${x}`));
  const remove = s.addListener((x) => seen.push(`l${x}`));
  s.next(1);
  remove();
  s.next(2);
  assert.equal(seen, ['l1', 'rx1', 'rx2']);
  s.addListener((x) => {
    if (x === 3) throw new Error('boom');
  });
  assert.throws(() => s.next(3), /boom/);
  s.complete();
  s.next(4);
  assert.equal(seen, ['l1', 'rx1', 'rx2']);
});

test.run();
