// Every test here works against one PostgreSQL server on a 2-core machine, and one of them restarts it:
// run the test classes one after another (tests inside a class already run one at a time).
[assembly: CollectionBehavior(DisableTestParallelization = true)]
