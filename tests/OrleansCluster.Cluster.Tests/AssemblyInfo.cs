// Each test runs several silo processes on a small machine: one test at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
