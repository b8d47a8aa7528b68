/**
 * Per-REST-API concurrency of the local API Gateway.
 *
 * - The mutation gate (AWS-9): at most one mutating call per REST API is in flight;
 *   another one arriving meanwhile is refused with the concurrent-modification 409.
 * - A read/write lock around the calls to moto: a mutating call that rewrites moto's
 *   state in several steps (read-modify-write, delete + put) holds it exclusively, so
 *   no read of the same REST API sees the state between the steps. Reads share it
 *   and never conflict: they only wait for such a step to finish.
 */

/** A fair read/write lock (FIFO between readers and writers). */
export class ReadWriteLock {
  private readers = 0;
  private writer = false;
  private queue: Array<{ readonly write: boolean; readonly wake: () => void }> = [];

  private pump(): void {
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (next.write) {
        if (this.writer || this.readers > 0) return;
        this.writer = true;
      } else {
        if (this.writer) return;
        this.readers++;
      }
      this.queue.shift();
      next.wake();
    }
  }

  private acquire(write: boolean): Promise<() => void> {
    return new Promise((resolve) => {
      this.queue.push({
        write,
        wake: () => {
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            if (write) this.writer = false;
            else this.readers--;
            this.pump();
          });
        },
      });
      this.pump();
    });
  }

  /** Run `fn` holding the lock shared. */
  async read<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(false);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** Run `fn` holding the lock alone. */
  async write<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire(true);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** True when nobody holds or waits for the lock. */
  idle(): boolean {
    return !this.writer && this.readers === 0 && this.queue.length === 0;
  }
}

interface ApiState {
  mutating: boolean;
  readonly lock: ReadWriteLock;
}

/** The gate and lock of every REST API, created on first use and dropped when idle. */
export class RestApiLocks {
  private readonly apis = new Map<string, ApiState>();

  private state(restApiId: string): ApiState {
    let s = this.apis.get(restApiId);
    if (!s) {
      s = { mutating: false, lock: new ReadWriteLock() };
      this.apis.set(restApiId, s);
    }
    return s;
  }

  private forget(restApiId: string): void {
    const s = this.apis.get(restApiId);
    if (s && !s.mutating && s.lock.idle()) this.apis.delete(restApiId);
  }

  /**
   * AWS-9: start a mutating call on `restApiId`. False when another mutating call on
   * the same REST API is still in flight (the caller answers 409).
   */
  tryBeginMutation(restApiId: string): boolean {
    const s = this.state(restApiId);
    if (s.mutating) return false;
    s.mutating = true;
    return true;
  }

  /** End the mutating call started by {@link tryBeginMutation}. */
  endMutation(restApiId: string): void {
    const s = this.apis.get(restApiId);
    if (s) s.mutating = false;
    this.forget(restApiId);
  }

  /** Run `fn` (a read of moto) holding the REST API's lock shared. */
  async read<T>(restApiId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.state(restApiId).lock.read(fn);
    } finally {
      this.forget(restApiId);
    }
  }

  /** Run `fn` (the steps of a mutation) holding the REST API's lock alone. */
  async write<T>(restApiId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.state(restApiId).lock.write(fn);
    } finally {
      this.forget(restApiId);
    }
  }

  /** Drop every state (after a reset; calls in flight finish on their own). */
  clear(): void {
    this.apis.clear();
  }
}
