/** A sleep that a finished send (a slot freed) or stop() cuts short. */
export function wakeableNap() {
  let wakeUp: (() => void) | null = null;
  return {
    nap: (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          wakeUp = null;
          resolve();
        }, ms);
        wakeUp = () => {
          clearTimeout(timer);
          wakeUp = null;
          resolve();
        };
      }),
    wake: () => wakeUp?.(),
  };
}
