"""Fuzzing the generator's contract (issue 11 §3).

- `mutations.py`: the catalogue of named mutation classes (spec / overrides / raw text);
- `harness.py`: runs one mutated case through `kalshi-codegen generate` in-process and
  classifies the outcome against the contract;
- `probe.py`: the script the harness runs in a subprocess to compile, import and check a
  generated client (it never imports the generator).

Campaigns: `bench/fuzz.py`. The bounded suite test: `tests/test_fuzz_contract.py`.
"""
