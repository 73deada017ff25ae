/** A job waiting for its time, as a ScheduleStore keeps it. */
export interface ScheduledJob<TPayload = unknown> {
  id: string;
  kind: string;
  at: Date;
  payload: TPayload;
  /** Failed runs so far. */
  attempts: number;
  lastError?: string;
  /** Changes on every write, so a run only removes or updates the version it executed. */
  revision: string;
}

/**
 * Where schedules live. Async and conditional (on `revision`) so that a DynamoDB-backed store,
 * which lets schedules survive restarts, can implement it with condition expressions.
 */
export interface ScheduleStore {
  /** Writes the job; with `expectedRevision`, only if the stored job still has that revision. */
  put(job: ScheduledJob, expectedRevision?: string): Promise<boolean>;
  get(id: string): Promise<ScheduledJob | undefined>;
  /** Deletes the job; with `expectedRevision`, only if the stored job still has that revision. */
  delete(id: string, expectedRevision?: string): Promise<boolean>;
  /** Jobs due at `now` (at <= now), earliest first. */
  due(now: Date): Promise<ScheduledJob[]>;
  /** All jobs, earliest first. */
  list(): Promise<ScheduledJob[]>;
  /** The earliest job's time (the scheduler's loop sleeps until then), without listing all. */
  nextAt(): Promise<Date | undefined>;
}

export class InMemoryScheduleStore implements ScheduleStore {
  private readonly jobs = new Map<string, ScheduledJob>();

  async put(job: ScheduledJob, expectedRevision?: string): Promise<boolean> {
    if (!this.holds(job.id, expectedRevision)) return false;
    // Copies in and out, as a real store would, so callers cannot mutate what is stored.
    this.jobs.set(job.id, structuredClone(job));
    return true;
  }

  async get(id: string): Promise<ScheduledJob | undefined> {
    const job = this.jobs.get(id);
    return job && structuredClone(job);
  }

  async delete(id: string, expectedRevision?: string): Promise<boolean> {
    if (!this.jobs.has(id) || !this.holds(id, expectedRevision)) return false;
    return this.jobs.delete(id);
  }

  // Filter before sorting and copying: the loop asks every 250 ms, with thousands of webhook
  // retries waiting and few of them due.
  async due(now: Date): Promise<ScheduledJob[]> {
    return sorted([...this.jobs.values()].filter((job) => job.at.getTime() <= now.getTime()));
  }

  async list(): Promise<ScheduledJob[]> {
    return sorted([...this.jobs.values()]);
  }

  async nextAt(): Promise<Date | undefined> {
    let next: number | undefined;
    for (const job of this.jobs.values()) {
      const at = job.at.getTime();
      if (next === undefined || at < next) next = at;
    }
    return next === undefined ? undefined : new Date(next);
  }

  private holds(id: string, expectedRevision: string | undefined): boolean {
    return expectedRevision === undefined || this.jobs.get(id)?.revision === expectedRevision;
  }
}

function sorted(jobs: ScheduledJob[]): ScheduledJob[] {
  return jobs
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id))
    .map((job) => structuredClone(job));
}
