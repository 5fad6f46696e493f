// Tests run one at a time unless their fixture opts in with [Parallelizable]. Those that do (the fault matrix's cases)
// spend most of their time waiting on Retry-After pauses and per-try timeouts, so eight run at once on two cores.
[assembly: LevelOfParallelism(8)]
