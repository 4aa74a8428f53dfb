import { describe, expect, it } from "vitest";
import { WorkQueue } from "../src/app/work-queue.js";

describe("WorkQueue (the Dockerfiles two threads share)", () => {
  it("hands out each index once, across views of the same buffer, then -1", () => {
    const a = new WorkQueue(5);
    const b = new WorkQueue(a.buffer); // what the worker thread sees
    const taken = [a.take(), b.take(), a.take(), b.take(), b.take()];
    expect(taken.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(a.take()).toBe(-1);
    expect(b.take()).toBe(-1);
  });

  it("shares reservations: a file the main thread reserves is skipped by the worker", () => {
    const main = new WorkQueue(3);
    const worker = new WorkQueue(main.buffer);
    expect(worker.reserved(1)).toBe(false);
    main.reserve(1);
    expect(worker.reserved(1)).toBe(true);
    expect(worker.reserved(0)).toBe(false);
  });

  it("is empty for no files", () => {
    expect(new WorkQueue(0).take()).toBe(-1);
  });
});
