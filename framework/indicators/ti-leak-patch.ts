import type * as TI from 'technicalindicators';

/**
 * technicalindicators 3.1.0 leaks: its LinkedList.shift() drops the head but leaves the new head's
 * `prev` pointing at it, so every value ever pushed stays reachable (~64 bytes per bar per window:
 * CCI, Williams %R, ROC and MFI grew by ~130 MB per million bars). We patch shift() once, at load, to
 * unlink the old head. Semantics are unchanged (nothing walks `prev` past the head; pop() walks from the
 * tail inside the list), which the parity tests against technicalindicators' batch results confirm.
 * LinkedList is not exported, so we reach it as FixedSizeLinkedList's base class.
 */
interface ListItem {
  prev: ListItem | undefined;
}
interface LinkedListProto {
  shift(this: { _head: ListItem | undefined }): unknown;
  __pxtShiftPatched?: boolean;
}

export function patchTechnicalIndicatorsLeak(lib: typeof TI): boolean {
  const base = Object.getPrototypeOf(lib.FixedSizeLinkedList.prototype) as LinkedListProto | null;
  if (base === null || typeof base.shift !== 'function') return false;
  if (base.__pxtShiftPatched === true) return true;
  const shift = base.shift;
  base.shift = function patchedShift(this: { _head: ListItem | undefined }): unknown {
    const data = shift.call(this);
    if (this._head !== undefined) this._head.prev = undefined;
    return data;
  };
  base.__pxtShiftPatched = true;
  return true;
}

/** True once the patch is installed (for tests and diagnostics). */
export function technicalIndicatorsLeakPatched(lib: typeof TI): boolean {
  const base = Object.getPrototypeOf(lib.FixedSizeLinkedList.prototype) as LinkedListProto | null;
  return base?.__pxtShiftPatched === true;
}
