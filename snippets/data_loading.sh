# Shell commands for the Datasets and DataLoaders chapter (docs/data-loading.md).
# The page shows them; the tests run the script itself with the command on its first line.

# --8<-- [start:run_load_with_workers]
python load_with_workers.py
# --8<-- [end:run_load_with_workers]
