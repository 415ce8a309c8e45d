import type { Transaction } from "@libsql/client";

/**
 * One write transaction at a time per database inside this process, with group commit.
 *
 * Why a queue: 100 concurrent libSQL write transactions on one file gave 1 success and 99
 * SQLITE_BUSY / TRANSACTION_ACTIVE errors, or a 19 s event-loop stall with a busy timeout; queued,
 * the same 100 finished cleanly in 6 ms (DESIGN §2). Across processes BEGIN IMMEDIATE +
 * busy_timeout serialize.
 *
 * Why groups (issue 20): a COMMIT writes every page the transaction dirtied to the WAL, checksums
 * each, and every ~1,000 pages checkpoints them back with an fsync. A booking dirties ~19 pages, most
 * of them shared with the next booking (the table's last leaf, index pages, the business row), so
 * one COMMIT per write cost 0.19 ms on average — a fifth of a booking. Writes waiting together
 * therefore share one transaction, each in a savepoint of its own, and one COMMIT ends them all. Each write still sees exactly what a write of its own would (they run one after another),
 * a write that fails is rolled back to its savepoint alone, and NO write's promise settles before
 * the group's COMMIT: an acknowledged write is a committed one, and a refusal is not heard before
 * the writes it was refused for. If the COMMIT fails, or SQLite gives the whole transaction up (a
 * full disk), every write of the group fails with it.
 *
 * Who meets in a group: a write runs in microtasks from start to end (local SQLite calls are
 * synchronous), so requests that reached the server meanwhile are not even read while one runs.
 * An idle queue therefore lets the event loop turn once before it begins, and the writes the
 * requests read in that turn ask for go into the same transaction (over HTTP groups were of 1.0
 * without it). It waits BEFORE taking the write lock, never while holding it: in a turn anything
 * may run, a write to another database too, and a process that held one database's lock while
 * waiting for another's could deadlock with a second process doing the reverse (the CLI, a second
 * instance, the registry's job leases) until a busy timeout. A write asked for inside another
 * database's write does not wait: its caller holds that database's lock.
 */
export class WriteQueue {
  private readonly waiting: Job[] = [];
  private draining = false;
  /** Writes committed so far (a cheap "anything new?" for caches and jobs). */
  committed = 0;

  constructor(
    /** Opens the write transaction (BEGIN IMMEDIATE). */
    private readonly begin: () => Promise<Transaction>,
    /** Writes one group may hold: bounds how long the first waits for its COMMIT, and the write lock's hold on other processes. */
    private readonly maxGroup = 64,
  ) {}

  /** `nested`: asked inside a write of another database, whose lock the caller holds. */
  run<T>(task: (transaction: Transaction) => Promise<T>, nested = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ task, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain(nested);
    });
  }

  private async drain(nested: boolean): Promise<void> {
    this.draining = true;
    try {
      if (!nested) await nextTurn();
      while (this.waiting.length > 0) await this.group();
    } finally {
      this.draining = false;
    }
  }

  private async group(): Promise<void> {
    const first = this.waiting.shift()!;
    let transaction: Transaction;
    try {
      transaction = await this.begin();
    } catch (e) {
      first.reject(e);
      return;
    }
    // Writes that failed alone are told so once the group is over, like the others: a refusal
    // decided on uncommitted rows (a 409 naming a booking of this group) is not heard before them.
    const done: Array<{ job: Job; value: unknown }> = [];
    const refused: Array<{ job: Job; error: unknown }> = [];
    try {
      // The first write needs no savepoint: if it fails, the transaction holds nothing else.
      for (let job: Job | undefined = first; job; job = done.length + refused.length < this.maxGroup ? this.waiting.shift() : undefined) {
        const alone = job === first;
        try {
          if (!alone) await transaction.execute("SAVEPOINT write");
          const value = await job.task(transaction);
          if (!alone) await transaction.execute("RELEASE write");
          done.push({ job, value });
        } catch (e) {
          refused.push({ job, error: e });
          if (alone) return;
          // SQLite ends the whole transaction on some errors (SQLITE_FULL, an I/O error): nothing of the group survived
          if (transaction.closed) return failAll(done, e);
          await transaction.execute("ROLLBACK TO write");
          await transaction.execute("RELEASE write");
        }
      }
      if (done.length === 0) return;
      try {
        await transaction.commit();
      } catch (e) {
        return failAll(done, e);
      }
      this.committed += done.length;
      for (const { job, value } of done) job.resolve(value);
    } catch (e) {
      // rolling a failed write back to its savepoint failed: the others roll back with the transaction
      failAll(done, e);
    } finally {
      transaction.close(); // rolls back whatever did not commit
      for (const { job, error } of refused) job.reject(error);
    }
  }
}

/** The event loop's next turn, when I/O callbacks (requests that arrived meanwhile) have run. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Job {
  task: (transaction: Transaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

function failAll(done: Array<{ job: Job }>, error: unknown): void {
  for (const { job } of done.splice(0)) job.reject(error);
}
