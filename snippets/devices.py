"""Examples for the Devices and the GPU chapter (docs/devices.md)."""

# --8<-- [start:where_tensors_live]
import torch

prices = torch.tensor([3.0, 4.5, 2.25])
print(prices.device)
#> cpu
print(prices.is_cuda)
#> False

first_gpu = torch.device("cuda:0")
print(first_gpu, first_gpu.type, first_gpu.index)
#> cuda:0 cuda 0
any_gpu = torch.device("cuda")
print(any_gpu, any_gpu.index)
#> cuda None
print(any_gpu == first_gpu)
#> False
# --8<-- [end:where_tensors_live]

# --8<-- [start:choose_device]
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
print("Running on", device)
#> Running on ...

weights = torch.zeros(2, 3, device=device)
print(weights.device.type == device.type)
#> True
# --8<-- [end:choose_device]

# --8<-- [start:move_tensors]
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
prices = torch.tensor([3.0, 4.5, 2.25])

moved = prices.to(device)
print(prices.device, moved.device.type == device.type)
#> cpu True

doubled = moved * 2
print(doubled.device.type == device.type)
#> True
print(doubled.cpu())
#> tensor([6.0000, 9.0000, 4.5000])
print(doubled.tolist())
#> [6.0, 9.0, 4.5]
# --8<-- [end:move_tensors]

# Only a machine with CUDA can run this section; the tests skip it elsewhere.
if torch.cuda.is_available():
    # --8<-- [start:cuda_shortcuts]
    # Needs a CUDA GPU: .cuda() and "cuda:0" only work where CUDA is available.
    import torch

    prices = torch.tensor([3.0, 4.5, 2.25])
    first_gpu = torch.device("cuda:0")
    # All four put the data on the first GPU; each assert passes silently.
    assert prices.cuda().device == first_gpu
    assert prices.cuda(0).device == first_gpu
    assert prices.to("cuda:0").device == first_gpu
    assert torch.ones(2, device="cuda").device == first_gpu

    on_gpu = prices.cuda()
    assert (on_gpu * 2).device == first_gpu  # the result stays on the GPU
    assert prices.device == torch.device("cpu")  # .cuda() made a copy; the original stays
    # --8<-- [end:cuda_shortcuts]

# --8<-- [start:choose_device_with_mps]
import torch


def pick_device() -> torch.device:
    """The fastest device this machine offers: an NVIDIA GPU, Apple's GPU, or the CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    if torch.backends.mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


device = pick_device()
print("Running on", device.type)
#> Running on ...
print(torch.arange(3, device=device).tolist())
#> [0, 1, 2]
# --8<-- [end:choose_device_with_mps]

# --8<-- [start:model_and_data_on_one_device]
import torch
from torch import nn

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
torch.manual_seed(0)

model = nn.Linear(3, 1)
returned = model.to(device)
print(returned is model)
#> True
print(all(p.device.type == device.type for p in model.parameters()))
#> True

features = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]])
features = features.to(device)
predictions = model(features)
print(predictions.shape, predictions.device.type == device.type)
#> torch.Size([2, 1]) True
print(predictions.detach().cpu().round(decimals=4))
#> tensor([[-1.6871],
#>         [-0.1938]])
# --8<-- [end:model_and_data_on_one_device]

# --8<-- [start:meta_device]
import torch

planned = torch.ones(1000, 1000, device="meta")
print(planned.shape, planned.dtype, planned.device)
#> torch.Size([1000, 1000]) torch.float32 meta
print(planned)
#> tensor(..., device='meta', size=(1000, 1000))
print((planned @ planned).shape)
#> torch.Size([1000, 1000])
# --8<-- [end:meta_device]

# --8<-- [start:mixed_device_error]
import torch

on_meta = torch.ones(3, device="meta")
on_cpu = torch.ones(3)

try:
    on_meta + on_cpu
except RuntimeError as error:
    print(error)
#> Tensor on device cpu is not on the expected device meta!

try:
    on_cpu + on_meta
except RuntimeError as error:
    print(error)
#> Tensor on device meta is not on the expected device cpu!

print((on_meta + on_cpu.to("meta")).device)
#> meta
# --8<-- [end:mixed_device_error]

# --8<-- [start:forgot_to_assign]
import torch
from torch import nn

model = nn.Linear(3, 1)
model.to("meta")
features = torch.ones(2, 3)
features.to("meta")

print(model.weight.device, features.device)
#> meta cpu
try:
    model(features)
except RuntimeError as error:
    print(error)
#> Tensor on device meta is not on the expected device cpu!

features = features.to("meta")
predictions = model(features)
print(predictions.shape, predictions.device)
#> torch.Size([2, 1]) meta
# --8<-- [end:forgot_to_assign]

# Only a machine with CUDA can run this section; the tests skip it elsewhere.
if torch.cuda.is_available():
    # --8<-- [start:mixed_device_error_cuda]
    # Needs a CUDA GPU: it mixes a model on the GPU with an input on the CPU.
    import torch
    from torch import nn

    torch.manual_seed(0)
    model = nn.Linear(3, 1).to("cuda")
    features = torch.ones(2, 3)

    try:
        model(features)
    except RuntimeError as error:
        print(error)
    #> Expected all tensors to be on the same device, but got mat1 is on cpu, different from other tensors on cuda:0 (when checking argument in method wrapper_CUDA_addmm)

    try:
        torch.ones(3, device="cuda") + torch.ones(3)
    except RuntimeError as error:
        print(error)
    #> Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!

    # The fix: move the input to the model's device.
    assert model(features.to("cuda")).shape == (2, 1)
    # Allowed: a zero-dimensional CPU tensor acts like a Python number.
    assert (torch.ones(3, device="cuda") * torch.tensor(2.0)).device.type == "cuda"
    # --8<-- [end:mixed_device_error_cuda]

# --8<-- [start:flops_of_the_source_figures]
n = 10_000
flop = 2 * n**3
print(f"{flop:.2e} floating-point operations")
#> 2.00e+12 floating-point operations

for where, seconds in [("CPU", 24.76), ("GPU", 0.5167)]:
    print(f"{where}: {seconds:>7} s -> {flop / seconds / 1e9:6,.0f} GFLOP/s")
#> CPU:   24.76 s ->     81 GFLOP/s
#> GPU:  0.5167 s ->  3,871 GFLOP/s
# --8<-- [end:flops_of_the_source_figures]

# --8<-- [start:time_matmul_on_cpu]
import statistics
import time

import torch

n = 256
torch.manual_seed(0)
a = torch.randn(n, n)
b = torch.randn(n, n)
flop = 2 * n**3
print(f"{flop:,} FLOP per product")
#> 33,554,432 FLOP per product

a @ b  # warm-up: the first call pays one-off costs
times = []
for _ in range(10):
    start = time.perf_counter()
    a @ b
    times.append(time.perf_counter() - start)

seconds = statistics.median(times)
print(f"median of {len(times)} runs: {seconds * 1e3:.2f} ms")
#> median of 10 runs: ... ms
print(f"CPU: {flop / seconds / 1e9:.1f} GFLOP/s")
#> CPU: ... GFLOP/s
# --8<-- [end:time_matmul_on_cpu]

# --8<-- [start:benchmark_timer_on_cpu]
import torch
from torch.utils import benchmark

n = 256
torch.manual_seed(0)
a = torch.randn(n, n)
b = torch.randn(n, n)

timer = benchmark.Timer(
    stmt="a @ b",
    globals={"a": a, "b": b},
    num_threads=torch.get_num_threads(),
)
measurement = timer.blocked_autorange(min_run_time=0.1)
print(f"median: {measurement.median * 1e3:.2f} ms per product")
#> median: ... ms per product
print(f"CPU: {2 * n**3 / measurement.median / 1e9:.1f} GFLOP/s")
#> CPU: ... GFLOP/s
# --8<-- [end:benchmark_timer_on_cpu]

# Only a machine with CUDA can run this section; the tests skip it elsewhere.
if torch.cuda.is_available():
    # --8<-- [start:naive_gpu_timing]
    # Needs a CUDA GPU: it shows two wrong ways to time a GPU.
    import time

    import torch

    n = 8192
    torch.manual_seed(0)
    a = torch.randn(n, n, device="cuda")
    b = torch.randn(n, n, device="cuda")
    flop = 2 * n**3

    start = time.perf_counter()
    a @ b
    seconds = time.perf_counter() - start
    print(f"first call:  {seconds * 1e3:9.3f} ms -> {flop / seconds / 1e12:9.1f} TFLOP/s")
    #> first call:  ... ms -> ... TFLOP/s

    start = time.perf_counter()
    a @ b
    seconds = time.perf_counter() - start
    print(f"second call: {seconds * 1e3:9.3f} ms -> {flop / seconds / 1e12:9.1f} TFLOP/s")
    #> second call: ... ms -> ... TFLOP/s

    torch.cuda.synchronize()  # let the queued work finish before going on
    # --8<-- [end:naive_gpu_timing]

# Only a machine with CUDA can run this section; the tests skip it elsewhere.
if torch.cuda.is_available():
    # --8<-- [start:synchronized_gpu_timing]
    # Needs a CUDA GPU: it times a matrix product on the GPU the right way.
    import statistics
    import time

    import torch

    n = 8192
    torch.manual_seed(0)
    a = torch.randn(n, n, device="cuda")
    b = torch.randn(n, n, device="cuda")
    flop = 2 * n**3

    for _ in range(3):
        a @ b  # warm-up: start-up costs are paid here, outside the timing
    torch.cuda.synchronize()

    times = []
    for _ in range(10):
        start = time.perf_counter()
        a @ b
        torch.cuda.synchronize()  # wait until the GPU has really finished
        times.append(time.perf_counter() - start)

    seconds = statistics.median(times)
    print(f"median of {len(times)} runs: {seconds * 1e3:.2f} ms")
    #> median of 10 runs: ... ms
    print(f"GPU: {flop / seconds / 1e12:.1f} TFLOP/s")
    #> GPU: ... TFLOP/s
    # --8<-- [end:synchronized_gpu_timing]

# Only a machine with CUDA can run this section; the tests skip it elsewhere.
if torch.cuda.is_available():
    # --8<-- [start:benchmark_timer_on_gpu]
    # Needs a CUDA GPU: it times a matrix product on the GPU with torch.utils.benchmark.
    import torch
    from torch.utils import benchmark

    n = 8192
    torch.manual_seed(0)
    a = torch.randn(n, n, device="cuda")
    b = torch.randn(n, n, device="cuda")

    timer = benchmark.Timer(stmt="a @ b", globals={"a": a, "b": b})
    measurement = timer.blocked_autorange(min_run_time=1.0)
    print(f"median: {measurement.median * 1e3:.2f} ms per product")
    #> median: ... ms per product
    print(f"GPU: {2 * n**3 / measurement.median / 1e12:.1f} TFLOP/s")
    #> GPU: ... TFLOP/s
    # --8<-- [end:benchmark_timer_on_gpu]

# Only a machine with CUDA can run this section; the tests skip it elsewhere.
if torch.cuda.is_available():
    # --8<-- [start:cpu_versus_gpu]
    # Needs a CUDA GPU: it repeats the 10000 x 10000 comparison, measured properly.
    import torch
    from torch.utils import benchmark

    n = 10_000
    flop = 2 * n**3
    torch.manual_seed(0)
    a = torch.randn(n, n)
    b = torch.randn(n, n)

    def median_seconds(x, y, num_threads=1):
        timer = benchmark.Timer(stmt="x @ y", globals={"x": x, "y": y}, num_threads=num_threads)
        return timer.timeit(5).median

    cpu = median_seconds(a, b, num_threads=torch.get_num_threads())
    gpu = median_seconds(a.cuda(), b.cuda())
    print(f"CPU: {cpu:8.4f} s -> {flop / cpu / 1e9:8.1f} GFLOP/s")
    #> CPU: ... s -> ... GFLOP/s
    print(f"GPU: {gpu:8.4f} s -> {flop / gpu / 1e9:8.1f} GFLOP/s")
    #> GPU: ... s -> ... GFLOP/s
    print(f"the GPU is {cpu / gpu:.0f} times faster")
    #> the GPU is ... times faster
    # --8<-- [end:cpu_versus_gpu]

# Only a machine with CUDA can run this section; the tests skip it elsewhere.
if torch.cuda.is_available():
    # --8<-- [start:precision_and_throughput]
    # Needs a CUDA GPU: it compares float32, TF32 and bfloat16 matrix products.
    import torch
    from torch.utils import benchmark

    n = 8192
    torch.manual_seed(0)
    a = torch.randn(n, n, device="cuda")
    b = torch.randn(n, n, device="cuda")

    def tflops(x, y):
        timer = benchmark.Timer(stmt="x @ y", globals={"x": x, "y": y})
        return 2 * n**3 / timer.blocked_autorange(min_run_time=1.0).median / 1e12

    print(f"float32:  {tflops(a, b):6.1f} TFLOP/s")
    #> float32: ... TFLOP/s
    torch.set_float32_matmul_precision("high")  # float32 products may use TF32
    print(f"TF32:     {tflops(a, b):6.1f} TFLOP/s")
    #> TF32: ... TFLOP/s
    torch.set_float32_matmul_precision("highest")  # back to the default
    print(f"bfloat16: {tflops(a.bfloat16(), b.bfloat16()):6.1f} TFLOP/s")
    #> bfloat16: ... TFLOP/s
    # --8<-- [end:precision_and_throughput]

# Only a machine with CUDA can run this section; the tests skip it elsewhere.
if torch.cuda.is_available():
    # --8<-- [start:small_matrices]
    # Needs a CUDA GPU: it shows where the GPU stops paying off.
    import torch
    from torch.utils import benchmark

    def microseconds(x, y, num_threads=1):
        timer = benchmark.Timer(stmt="x @ y", globals={"x": x, "y": y}, num_threads=num_threads)
        return timer.blocked_autorange(min_run_time=0.2).median * 1e6

    torch.manual_seed(0)
    print("    n      CPU µs      GPU µs")
    #>     n      CPU µs      GPU µs
    for n in [8, 64, 256, 1024, 4096]:
        a = torch.randn(n, n)
        b = torch.randn(n, n)
        cpu = microseconds(a, b, num_threads=torch.get_num_threads())
        gpu = microseconds(a.cuda(), b.cuda())
        print(f"{n:5}  {cpu:10.1f}  {gpu:10.1f}")
    #>     8  ...  ...
    #>    64  ...  ...
    #>   256  ...  ...
    #>  1024  ...  ...
    #>  4096  ...  ...
    # --8<-- [end:small_matrices]

# --8<-- [start:exercise_batched_matmul_flops]
import torch
from torch.utils import benchmark


def batched_matmul_flop(batch: int, n: int, k: int, m: int) -> int:
    """Floating-point operations of (batch, n, k) @ (batch, k, m)."""
    return 2 * batch * n * k * m


batch, n, k, m = 8, 64, 64, 32
print(f"{batched_matmul_flop(batch, n, k, m):,} FLOP")
#> 2,097,152 FLOP

torch.manual_seed(0)
left = torch.randn(batch, n, k)
right = torch.randn(batch, k, m)
timer = benchmark.Timer(
    stmt="left @ right",
    globals={"left": left, "right": right},
    num_threads=torch.get_num_threads(),
)
seconds = timer.timeit(20).median
print(f"{batched_matmul_flop(batch, n, k, m) / seconds / 1e9:.1f} GFLOP/s")
#> ... GFLOP/s
# --8<-- [end:exercise_batched_matmul_flops]

# --8<-- [start:exercise_to_device_helper]
import torch


def to_device(batch: dict, device: torch.device | str) -> dict:
    """A copy of the batch whose tensors are on `device`; other values are kept as they are."""
    return {
        key: value.to(device) if isinstance(value, torch.Tensor) else value
        for key, value in batch.items()
    }


batch = {
    "images": torch.zeros(4, 1, 8, 8),
    "labels": torch.tensor([3, 1, 4, 1]),
    "names": ["a.png", "b.png", "c.png", "d.png"],
}
moved = to_device(batch, "meta")
for key, value in moved.items():
    print(key, value.device if isinstance(value, torch.Tensor) else type(value).__name__)
#> images meta
#> labels meta
#> names list
print(batch["labels"].device)
#> cpu
# --8<-- [end:exercise_to_device_helper]

# --8<-- [start:exercise_find_the_stray_parameter]
import torch
from torch import nn


def devices_of(model: nn.Module) -> dict[str, str]:
    """Where each parameter and buffer of a model lives, by name."""
    tensors = list(model.named_parameters()) + list(model.named_buffers())
    return {name: str(tensor.device) for name, tensor in tensors}


model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
model[2].to("meta")  # the mistake: only one layer was moved

for name, where in devices_of(model).items():
    print(f"{name:<9} {where}")
#> 0.weight  cpu
#> 0.bias    cpu
#> 2.weight  meta
#> 2.bias    meta
print(sorted(set(devices_of(model).values())))
#> ['cpu', 'meta']
# --8<-- [end:exercise_find_the_stray_parameter]
