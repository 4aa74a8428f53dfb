/**
 * The Dockerfiles of a run as a queue that the main thread and a worker thread share: each
 * takes the next index until none is left, so neither waits while the other has work. The
 * main thread reserves the files a Compose service builds (it judges them with the service);
 * a thread that takes a reserved index skips it. Backed by a SharedArrayBuffer: [next, size]
 * as Int32, then one reserved flag per file.
 */
export class WorkQueue {
  readonly buffer: SharedArrayBuffer;
  private readonly counters: Int32Array;
  private readonly flags: Uint8Array;

  constructor(sizeOrBuffer: number | SharedArrayBuffer) {
    this.buffer = typeof sizeOrBuffer === "number" ? new SharedArrayBuffer(8 + sizeOrBuffer) : sizeOrBuffer;
    this.counters = new Int32Array(this.buffer, 0, 2);
    this.flags = new Uint8Array(this.buffer, 8);
    if (typeof sizeOrBuffer === "number") this.counters[1] = sizeOrBuffer;
  }

  /** The next index, or -1 when every file has been taken. */
  take(): number {
    const i = Atomics.add(this.counters, 0, 1);
    return i < this.counters[1]! ? i : -1;
  }

  reserve(i: number): void {
    Atomics.store(this.flags, i, 1);
  }

  reserved(i: number): boolean {
    return Atomics.load(this.flags, i) === 1;
  }
}
