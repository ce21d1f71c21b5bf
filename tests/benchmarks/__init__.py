"""The benchmarks' own code, run on small sizes against the test stack."""
