/**
 * Runs `fn` at most once per `ms`: the first call at once, later ones folded into one trailing call at the end of
 * the period, so the last change is never dropped.
 */
export function throttled(ms: number, fn: () => void) {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = Date.now();
    fn();
  };
  const call = () => {
    if (timer) return;
    const wait = last + ms - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return call;
}
