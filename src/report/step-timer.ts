/** Times the named steps of a build. */
export interface StepTimer {
  /** Each step run so far with its duration, in order. */
  readonly timings: { step: string; ms: number }[];
  /** Runs one step and records how long it took. */
  step<T>(name: string, run: () => Promise<T> | T): Promise<T>;
}

export function createStepTimer(): StepTimer {
  const timings: StepTimer['timings'] = [];
  return {
    timings,
    async step(name, run) {
      const started = performance.now();
      const value = await run();
      timings.push({ step: name, ms: Math.round(performance.now() - started) });
      return value;
    },
  };
}
