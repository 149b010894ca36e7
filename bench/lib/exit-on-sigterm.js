// Preloaded into our service only when profiling (--profile): Nest re-raises SIGTERM after its shutdown hooks,
// and a process killed by a signal never writes its --cpu-prof file. Exiting normally does.
let scheduled = false;
process.on('SIGTERM', () => {
  if (scheduled) return process.exit(0);
  scheduled = true;
  setTimeout(() => process.exit(0), 10000).unref();
});
