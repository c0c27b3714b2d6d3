/**
 * Work that belongs to a transaction's outcome rather than to its statements: `afterCommit` runs once the data is
 * durable (a hint to other processes, a job that must not see uncommitted rows), `beforeCommit` runs as the
 * transaction's last statements. Generic on purpose: the persistence layer knows nothing of who registers what
 * (realtime's notify is one user), so db/ depends on no layer above it.
 *
 * Savepoints (`tx.transaction(...)` inside a transaction): what their code registers joins the enclosing
 * transaction when the savepoint is released, in the order it was registered, and is dropped if the savepoint
 * rolls back (throws). Nothing registered in a transaction that rolls back ever runs.
 */

type THandle = object;
type TTransactional = { transaction: (fn: (tx: TTransactional) => Promise<unknown>, config?: unknown) => Promise<unknown> };

type THooks = {
  /** The handle the outermost transaction was opened on (the pool), for work after the commit. */
  base: THandle;
  before: ((tx: THandle) => unknown)[];
  after: ((db: THandle) => unknown)[];
};

/** The hooks of each open transaction or savepoint, by its handle. */
const open = new WeakMap<THandle, THooks>();

/** Whether the handle is a transaction (or savepoint) of a handle wired by `withCommitHooks`. */
export function inTransaction(handle: THandle): boolean {
  return open.has(handle);
}

/**
 * Runs `fn` once the transaction `handle` belongs to has committed, with the handle that transaction was opened on
 * (it is closed by then). Outside a transaction, now. The commit has happened whatever `fn` does, so it should deal
 * with its own failures: an error it throws reaches the caller of `transaction(...)` only after the data is durable.
 */
export async function afterCommit<TDbHandle extends THandle>(handle: TDbHandle, fn: (db: TDbHandle) => unknown): Promise<void> {
  const hooks = open.get(handle);
  if (hooks) hooks.after.push(fn as (db: THandle) => unknown);
  else await fn(handle);
}

/**
 * Runs `fn` inside the outermost transaction `handle` belongs to, after its own code and just before it commits,
 * with that transaction's handle; a hook may register further hooks, which run after it. Outside a transaction, now.
 */
export async function beforeCommit<TDbHandle extends THandle>(handle: TDbHandle, fn: (tx: TDbHandle) => unknown): Promise<void> {
  const hooks = open.get(handle);
  if (hooks) hooks.before.push(fn as (tx: THandle) => unknown);
  else await fn(handle);
}

function wire(handle: TTransactional, parent: THooks | undefined, base: THandle): void {
  const begin = handle.transaction.bind(handle);
  handle.transaction = async (fn, config) => {
    let hooks: THooks | undefined;
    const result = await begin(async (tx) => {
      hooks = { base, before: [], after: [] };
      open.set(tx, hooks);
      wire(tx, hooks, base);
      const value = await fn(tx);
      // Run while the transaction is still open; by index, so hooks added by a hook run too.
      if (!parent) for (let i = 0; i < hooks.before.length; i++) await hooks.before[i]!(tx);
      return value;
    }, config);
    // Reached only when the savepoint was released or the transaction committed (a rollback throws past this).
    if (parent) {
      parent.before.push(...hooks!.before);
      parent.after.push(...hooks!.after);
    } else {
      for (const hook of hooks!.after) await hook(base);
    }
    return result;
  };
}

/** Wires a database handle so that its transactions run the hooks their code registers. Applied where connections are made. */
export function withCommitHooks<T extends { transaction: unknown }>(db: T): T {
  wire(db as unknown as TTransactional, undefined, db);
  return db;
}
