/** A timer that can be ended early: `cancel` resolves the promise at once. */
export function cancellableSleep(ms: number): { promise: Promise<void>; cancel: () => void } {
  let cancel!: () => void;
  const promise = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    cancel = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { promise, cancel };
}
