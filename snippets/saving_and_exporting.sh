# Shell commands for the Saving, loading and exporting chapter (docs/saving-and-exporting.md).
# They are shown on the page, not run by the tests.

# --8<-- [start:install_onnx]
pip install onnx onnxscript onnxruntime
# --8<-- [end:install_onnx]
