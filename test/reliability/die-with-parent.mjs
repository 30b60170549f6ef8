// Preloaded (`node --import`) into every Orderline process the crash suites start: when the test
// process that started it is gone (a crashed or timed-out vitest worker never runs its afterAll), the
// child ends itself instead of living on, serving a dropped database on a port nobody watches.
const parent = process.ppid;
const watch = setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL');
}, 500);
watch.unref();
