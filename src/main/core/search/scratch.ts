/**
 * Scratch memory for one query. A frequent term brings tens of thousands of postings, and every
 * step of a query (decode, match, score, intersect) makes arrays of that size: allocating them
 * fresh each time costs page faults and garbage collections that show up as latency spikes. A
 * Scratch hands out views of a few buffers that are kept between queries and reset at the
 * start of each one. Views it hands out are only valid until the next reset: nothing made from
 * them may outlive the query.
 */
export interface Alloc {
  /** An Int32Array of `n` entries, not zeroed. */
  int32(n: number): Int32Array;
  /** A Float64Array of `n` entries, not zeroed. */
  float64(n: number): Float64Array;
  /**
   * An array of at least `size` entries and a number that none of them holds: set entries to
   * it to mark slots, then test them, without clearing anything first.
   */
  stamp(size: number): { marks: Int32Array; epoch: number };
  /** An array of at least `size` entries, not zeroed: a slot → index map to fill and read. */
  positions(size: number): Int32Array;
}

/** Fresh, zeroed arrays: for callers outside a query. */
export const HEAP: Alloc = {
  int32: (n) => new Int32Array(n),
  float64: (n) => new Float64Array(n),
  stamp: (size) => ({ marks: new Int32Array(size), epoch: 1 }),
  positions: (size) => new Int32Array(size),
};

export class Scratch implements Alloc {
  private i32 = new Int32Array(1 << 16);
  private i32At = 0;
  private f64 = new Float64Array(1 << 15);
  private f64At = 0;

  private marks = new Int32Array(0);
  private epoch = 0;
  private positionMap = new Int32Array(0);

  stamp(size: number): { marks: Int32Array; epoch: number } {
    if (this.marks.length < size) {
      this.marks = new Int32Array(Math.ceil(size * 1.25));
      this.epoch = 0;
    }
    if (++this.epoch === 0x7fffffff) {
      this.marks.fill(0);
      this.epoch = 1;
    }
    return { marks: this.marks, epoch: this.epoch };
  }

  positions(size: number): Int32Array {
    if (this.positionMap.length < size) this.positionMap = new Int32Array(Math.ceil(size * 1.25));
    return this.positionMap;
  }

  /** Makes the whole buffers available again: every view handed out before is invalid. */
  reset(): void {
    this.i32At = 0;
    this.f64At = 0;
  }

  int32(n: number): Int32Array {
    if (this.i32At + n > this.i32.length) {
      // Grow for the rest of this query and the next ones; views already handed out keep the
      // old buffer alive until they are dropped.
      this.i32 = new Int32Array(Math.max(this.i32.length * 2, n * 2));
      this.i32At = 0;
    }
    const view = this.i32.subarray(this.i32At, this.i32At + n);
    this.i32At += n;
    return view;
  }

  float64(n: number): Float64Array {
    if (this.f64At + n > this.f64.length) {
      this.f64 = new Float64Array(Math.max(this.f64.length * 2, n * 2));
      this.f64At = 0;
    }
    const view = this.f64.subarray(this.f64At, this.f64At + n);
    this.f64At += n;
    return view;
  }
}
