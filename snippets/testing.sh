# Shell commands for the page "How this site is tested" (docs/testing.md).
# They are shown on the page, not run by the tests; run them in a clone of the site's repository.

# --8<-- [start:pytest_docs]
.venv/bin/python -m pytest docs
# --8<-- [end:pytest_docs]

# --8<-- [start:whole_suite]
.venv/bin/python -m pytest
# --8<-- [end:whole_suite]

# --8<-- [start:quick_suite]
.venv/bin/python -m pytest -m "not browser"
# --8<-- [end:quick_suite]

# --8<-- [start:releases]
.venv/bin/python -m sitetools.examples.releases    # records docs/releases.yml
# --8<-- [end:releases]

# --8<-- [start:measure]
npm ci --prefix benchmarks                         # Lighthouse, at the version benchmarks/ pins
.venv/bin/python -m sitetools.measure.benchmark    # writes benchmarks/results.json
# --8<-- [end:measure]
