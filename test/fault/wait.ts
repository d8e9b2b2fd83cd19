export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Polls `check` every 20 ms until true; throws after `timeout`. */
export async function until(timeout: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeout} ms`);
    await sleep(20);
  }
}
