export interface SchedulerClock {
  now(): Date;
}

export const systemClock: SchedulerClock = { now: () => new Date() };

/** A clock that moves only when told to, so tests never wait for real durations. */
export class ManualClock implements SchedulerClock {
  private current: number;

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advanceTo(time: Date): void {
    if (time.getTime() < this.current) {
      throw new Error(
        `ManualClock cannot go back from ${this.now().toISOString()} to ${time.toISOString()}`,
      );
    }
    this.current = time.getTime();
  }

  advanceBy(ms: number): void {
    this.advanceTo(new Date(this.current + ms));
  }
}
