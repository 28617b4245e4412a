"""Examples for the Installation chapter (docs/installation.md)."""

# --8<-- [start:verify_installation]
import torch

print("PyTorch version:", torch.__version__)
#> PyTorch version: ...
print("CUDA available:", torch.cuda.is_available())
#> CUDA available: ...

if torch.cuda.is_available():
    print("CUDA devices:", torch.cuda.device_count())
    print("Device 0:", torch.cuda.get_device_name(0))
else:
    print("No CUDA device: PyTorch will compute on the CPU.")
#> ...

torch.manual_seed(0)
print(torch.rand(5, 3))
#> tensor([[0.4963, 0.7682, 0.0885],
#>         [0.1320, 0.3074, 0.6341],
#>         [0.4901, 0.8964, 0.4556],
#>         [0.6323, 0.3489, 0.4017],
#>         [0.0223, 0.1689, 0.2939]])
# --8<-- [end:verify_installation]

# --8<-- [start:exercise_defaults]
import torch

print(torch.get_default_dtype())
#> torch.float32
print(torch.tensor([1.5, 2.5]).dtype)
#> torch.float32
print("CPU threads:", torch.get_num_threads())
#> CPU threads: ...
# --8<-- [end:exercise_defaults]

# --8<-- [start:exercise_seed_repeats]
import torch

torch.manual_seed(0)
first = torch.rand(5, 3)
torch.manual_seed(0)
second = torch.rand(5, 3)
third = torch.rand(5, 3)

print(torch.equal(first, second))
#> True
print(torch.equal(second, third))
#> False
# --8<-- [end:exercise_seed_repeats]
