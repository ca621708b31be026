/**
 * A password hash (scrypt, 128 MiB, a few hundred ms of CPU) is the most expensive thing a
 * request can ask for. A burst of sign-ins, right or wrong, would otherwise run them all at once
 * and starve every other request of memory and CPU: so a process runs a few at a time, lets a
 * few more wait their turn, and refuses the rest at once, to be tried again a moment later.
 */
export const PASSWORD_GATE = { running: 2, waiting: 8, retryAfterSeconds: 5 } as const;

export class PasswordChecksBusy extends Error {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super("Too many password checks under way; try again in a moment.");
    this.name = "PasswordChecksBusy";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface Gate {
  /** Runs `work` when a place is free, or throws PasswordChecksBusy when the queue is full too. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Whether a new call would be refused now: lets a caller refuse before doing anything else. */
  full(): boolean;
}

export function createGate({ running: maxRunning, waiting: maxWaiting, retryAfterSeconds }: { running: number; waiting: number; retryAfterSeconds: number }): Gate {
  let running = 0;
  const queue: (() => void)[] = [];
  const full = () => running >= maxRunning && queue.length >= maxWaiting;
  return {
    full,
    async run(work) {
      if (full()) throw new PasswordChecksBusy(retryAfterSeconds);
      if (running < maxRunning) running += 1;
      // A place handed over by a finished check: `running` stays as it is.
      else await new Promise<void>((resolve) => queue.push(resolve));
      try {
        return await work();
      } finally {
        const next = queue.shift();
        if (next) next();
        else running -= 1;
      }
    },
  };
}

/** The one gate of this process, which every scrypt computation goes through. */
export const passwordGate = createGate(PASSWORD_GATE);
