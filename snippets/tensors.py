"""Examples for the Tensors chapter (docs/tensors.md)."""

# --8<-- [start:dimensions]
import torch

temperature = torch.tensor(21.5)
prices = torch.tensor([3.0, 4.5, 2.25])
grayscale_image = torch.tensor([[0, 255], [128, 64]])
colour_images = torch.zeros(8, 3, 32, 32)

for name, tensor in [
    ("temperature", temperature),
    ("prices", prices),
    ("grayscale_image", grayscale_image),
    ("colour_images", colour_images),
]:
    print(f"{name:<16} ndim={tensor.ndim}  shape={tuple(tensor.shape)}")
#> temperature      ndim=0  shape=()
#> prices           ndim=1  shape=(3,)
#> grayscale_image  ndim=2  shape=(2, 2)
#> colour_images    ndim=4  shape=(8, 3, 32, 32)
# --8<-- [end:dimensions]

# --8<-- [start:create_from_data]
import torch

whole_numbers = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(whole_numbers)
#> tensor([[1, 2, 3],
#>         [4, 5, 6]])
print(whole_numbers.dtype)
#> torch.int64

measurements = torch.tensor([0.5, 1.25, 2.0])
print(measurements)
#> tensor([0.5000, 1.2500, 2.0000])
print(measurements.dtype)
#> torch.float32
# --8<-- [end:create_from_data]

# --8<-- [start:create_filled]
import torch

print(torch.zeros(2, 3))
#> tensor([[0., 0., 0.],
#>         [0., 0., 0.]])
print(torch.ones(2, 3, dtype=torch.int64))
#> tensor([[1, 1, 1],
#>         [1, 1, 1]])
# --8<-- [end:create_filled]

# --8<-- [start:create_empty]
import torch

scratch = torch.empty(2, 3)
print(scratch.shape)
#> torch.Size([2, 3])
print(scratch)
#> tensor([[...],
#>         [...]])
scratch.fill_(7.0)
print(scratch)
#> tensor([[7., 7., 7.],
#>         [7., 7., 7.]])
# --8<-- [end:create_empty]

# --8<-- [start:create_random]
import torch

torch.manual_seed(0)
uniform = torch.rand(5, 3)
print(uniform)
#> tensor([[0.4963, 0.7682, 0.0885],
#>         [0.1320, 0.3074, 0.6341],
#>         [0.4901, 0.8964, 0.4556],
#>         [0.6323, 0.3489, 0.4017],
#>         [0.0223, 0.1689, 0.2939]])

normal = torch.randn(10_000)
print(f"mean {normal.mean():.2f}, standard deviation {normal.std():.2f}")
#> mean -0.01, standard deviation 1.01
# --8<-- [end:create_random]

# --8<-- [start:create_ranges]
import torch

print(torch.arange(5))
#> tensor([0, 1, 2, 3, 4])
print(torch.arange(2, 11, 3))
#> tensor([2, 5, 8])
print(torch.linspace(0, 1, steps=5))
#> tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])
print(torch.eye(3))
#> tensor([[1., 0., 0.],
#>         [0., 1., 0.],
#>         [0., 0., 1.]])
# --8<-- [end:create_ranges]

# --8<-- [start:create_with_dtype]
import torch

single = torch.tensor([1.0, 2.0], dtype=torch.float32)
double = torch.tensor([1.0, 2.0], dtype=torch.float64)
counts = torch.tensor([1, 2], dtype=torch.int64)

for tensor in (single, double, counts):
    print(tensor.dtype, "uses", tensor.element_size(), "bytes per element")
#> torch.float32 uses 4 bytes per element
#> torch.float64 uses 8 bytes per element
#> torch.int64 uses 8 bytes per element
# --8<-- [end:create_with_dtype]

# --8<-- [start:convert_dtype]
import torch

counts = torch.tensor([3, 1, 2])
print(counts.float())
#> tensor([3., 1., 2.])
print(counts.to(torch.float64))
#> tensor([3., 1., 2.], dtype=torch.float64)
print(torch.tensor([2.7, -2.7]).long())
#> tensor([ 2, -2])
print(counts / 2)
#> tensor([1.5000, 0.5000, 1.0000])
print(counts // 2)
#> tensor([1, 0, 1])
# --8<-- [end:convert_dtype]

# --8<-- [start:dtype_mismatch]
import numpy as np
import torch

features = torch.from_numpy(np.array([[0.2, 0.4, 0.6]]))
layer = torch.nn.Linear(3, 1)
print(features.dtype, layer.weight.dtype)
#> torch.float64 torch.float32

try:
    layer(features)
except RuntimeError as error:
    print(error)
#> mat1 and mat2 must have the same dtype, but got Double and Float

print(layer(features.float()).shape)
#> torch.Size([1, 1])
# --8<-- [end:dtype_mismatch]

# --8<-- [start:attributes]
import torch

batch = torch.zeros(4, 3, 2)
print(batch.shape)
#> torch.Size([4, 3, 2])
print(batch.size())
#> torch.Size([4, 3, 2])
print(batch.size(0))
#> 4
print(batch.ndim, batch.dim())
#> 3 3
print(batch.numel())
#> 24
print(batch.dtype)
#> torch.float32
print(batch.device)
#> cpu
print(batch.is_cuda)
#> False
print(batch.layout)
#> torch.strided
print(batch.requires_grad)
#> False
# --8<-- [end:attributes]

# --8<-- [start:grad_and_data]
import torch

weight = torch.tensor([2.0, -1.0], requires_grad=True)
print(weight.grad)
#> None

loss = (weight**2).sum()
loss.backward()
print(weight.grad)
#> tensor([ 4., -2.])

print(weight.data)
#> tensor([ 2., -1.])
print(weight.data.requires_grad)
#> False
# --8<-- [end:grad_and_data]

# --8<-- [start:item]
import torch

total = torch.tensor([1.5, 2.5, 4.0]).sum()
print(total)
#> tensor(8.)
print(total.item(), type(total.item()))
#> 8.0 <class 'float'>
# --8<-- [end:item]

# --8<-- [start:transpose_and_contiguous]
import torch

grid = torch.arange(6).reshape(2, 3)
flipped = grid.T
print(flipped)
#> tensor([[0, 3],
#>         [1, 4],
#>         [2, 5]])
print(grid.is_contiguous(), flipped.is_contiguous())
#> True False
print(grid.stride(), flipped.stride())
#> (3, 1) (1, 3)
# --8<-- [end:transpose_and_contiguous]

# --8<-- [start:view_needs_contiguous]
import torch

flipped = torch.arange(6).reshape(2, 3).T

try:
    flipped.view(6)
except RuntimeError as error:
    print(error)
#> view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.

print(flipped.contiguous().view(6))
#> tensor([0, 3, 1, 4, 2, 5])
print(flipped.reshape(6))
#> tensor([0, 3, 1, 4, 2, 5])
# --8<-- [end:view_needs_contiguous]

# --8<-- [start:arithmetic]
import torch

a = torch.tensor([10.0, 20.0, 30.0])
b = torch.tensor([1.0, 2.0, 4.0])

print(a + b, torch.add(a, b))
#> tensor([11., 22., 34.]) tensor([11., 22., 34.])
print(a - b, torch.sub(a, b))
#> tensor([ 9., 18., 26.]) tensor([ 9., 18., 26.])
print(a * b, torch.mul(a, b))
#> tensor([ 10.,  40., 120.]) tensor([ 10.,  40., 120.])
print(a / b, torch.div(a, b))
#> tensor([10.0000, 10.0000,  7.5000]) tensor([10.0000, 10.0000,  7.5000])
# --8<-- [end:arithmetic]

# --8<-- [start:broadcasting]
import torch

prices = torch.tensor([[10.0, 20.0, 30.0], [40.0, 50.0, 60.0]])
discount = torch.tensor([0.9, 0.8, 1.0])
print(prices * discount)
#> tensor([[ 9., 16., 30.],
#>         [36., 40., 60.]])
print(prices + 1)
#> tensor([[11., 21., 31.],
#>         [41., 51., 61.]])
# --8<-- [end:broadcasting]

# --8<-- [start:in_place]
import torch

balance = torch.tensor([100.0, 50.0])
balance.add_(5)
print(balance)
#> tensor([105.,  55.])
balance.mul_(2)
print(balance)
#> tensor([210., 110.])
# --8<-- [end:in_place]

# --8<-- [start:matrix_multiply]
import torch

inputs = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
weights = torch.tensor([[1.0, 0.0, -1.0], [0.5, 2.0, 0.0]])

print(inputs @ weights)
#> tensor([[ 2.,  4., -1.],
#>         [ 5.,  8., -3.],
#>         [ 8., 12., -5.]])
print(torch.mm(inputs, weights).shape)
#> torch.Size([3, 3])
print(torch.matmul(inputs, weights).shape)
#> torch.Size([3, 3])
print(inputs * inputs)
#> tensor([[ 1.,  4.],
#>         [ 9., 16.],
#>         [25., 36.]])
# --8<-- [end:matrix_multiply]

# --8<-- [start:batched_matmul]
import torch

torch.manual_seed(0)
batch = torch.randn(4, 3, 2)
weights = torch.randn(2, 5)

print(torch.matmul(batch, weights).shape)
#> torch.Size([4, 3, 5])
print((batch @ batch.transpose(1, 2)).shape)
#> torch.Size([4, 3, 3])

try:
    torch.mm(batch, weights)
except RuntimeError as error:
    print(error)
#> self must be a matrix
# --8<-- [end:batched_matmul]

# --8<-- [start:elementwise_math]
import math

import torch

x = torch.tensor([1.0, 4.0, 9.0])
print(x.pow(2), x**0.5)
#> tensor([ 1., 16., 81.]) tensor([1., 2., 3.])
print(torch.sqrt(x))
#> tensor([1., 2., 3.])
print(torch.exp(torch.tensor([0.0, 1.0])))
#> tensor([1.0000, 2.7183])
print(torch.log(torch.tensor([1.0, 10.0, 100.0])))
#> tensor([0.0000, 2.3026, 4.6052])
print(torch.abs(torch.tensor([-3.0, 0.0, 2.5])))
#> tensor([3.0000, 0.0000, 2.5000])

angles = torch.tensor([0.0, math.pi / 6, math.pi / 4])
print(torch.sin(angles))
#> tensor([0.0000, 0.5000, 0.7071])
print(torch.cos(angles))
#> tensor([1.0000, 0.8660, 0.7071])
print(torch.tan(angles))
#> tensor([0.0000, 0.5774, 1.0000])
# --8<-- [end:elementwise_math]

# --8<-- [start:reductions]
import torch

scores = torch.tensor([[2.0, 9.0, 4.0], [7.0, 1.0, 5.0]])
print(scores.sum(), scores.mean())
#> tensor(28.) tensor(4.6667)
print(scores.max(), scores.min())
#> tensor(9.) tensor(1.)
print(scores.argmax(), scores.argmin())
#> tensor(1) tensor(4)
print(scores.std(), scores.var())
#> tensor(3.0111) tensor(9.0667)
print(scores.median())
#> tensor(4.)
# --8<-- [end:reductions]

# --8<-- [start:reductions_along_dim]
import torch

scores = torch.tensor([[2.0, 9.0, 4.0], [7.0, 1.0, 5.0]])
print(scores.sum(dim=0))
#> tensor([ 9., 10.,  9.])
print(scores.sum(dim=1))
#> tensor([15., 13.])
print(scores.mean(dim=1, keepdim=True))
#> tensor([[5.0000],
#>         [4.3333]])

best = scores.max(dim=1)
print(best.values, best.indices)
#> tensor([9., 7.]) tensor([1, 0])
print(scores.argmax(dim=1))
#> tensor([1, 0])
print(scores.min(dim=0))
#> torch.return_types.min(
#> values=tensor([2., 1., 4.]),
#> indices=tensor([0, 1, 0]))
# --8<-- [end:reductions_along_dim]

# --8<-- [start:reduction_pitfalls]
import numpy as np
import torch

try:
    torch.tensor([1, 2, 3, 4]).mean()
except RuntimeError as error:
    print(error)
#> mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Long

even = torch.tensor([1.0, 2.0, 3.0, 4.0])
print(even.median(), np.median(even.numpy()))
#> tensor(2.) 2.5
print(even.std(), even.std(correction=0))
#> tensor(1.2910) tensor(1.1180)
# --8<-- [end:reduction_pitfalls]

# --8<-- [start:comparisons]
import torch

a = torch.tensor([1, 5, 3])
b = torch.tensor([2, 5, 1])

print(a > b, torch.gt(a, b))
#> tensor([False, False,  True]) tensor([False, False,  True])
print(a < b, torch.lt(a, b))
#> tensor([ True, False, False]) tensor([ True, False, False])
print(a == b, torch.eq(a, b))
#> tensor([False,  True, False]) tensor([False,  True, False])
print(a >= b, torch.ge(a, b))
#> tensor([False,  True,  True]) tensor([False,  True,  True])
print(a <= b, torch.le(a, b))
#> tensor([ True,  True, False]) tensor([ True,  True, False])
print((a > 2).sum())
#> tensor(2)
# --8<-- [end:comparisons]

# --8<-- [start:equal_and_allclose]
import torch

computed = torch.tensor([0.1 + 0.2, 1.0 / 3.0], dtype=torch.float64)
exact = torch.tensor([0.3, 0.333333333333], dtype=torch.float64)

print(computed == exact)
#> tensor([False, False])
print(torch.equal(computed, exact))
#> False
print(torch.allclose(computed, exact))
#> True
print(torch.equal(torch.tensor([1, 2]), torch.tensor([1, 2])))
#> True
# --8<-- [end:equal_and_allclose]

# --8<-- [start:reshape_and_view]
import torch

readings = torch.arange(12)
print(readings.reshape(3, 4))
#> tensor([[ 0,  1,  2,  3],
#>         [ 4,  5,  6,  7],
#>         [ 8,  9, 10, 11]])
print(readings.view(2, -1).shape)
#> torch.Size([2, 6])

shared = readings.view(3, 4)
shared[0, 0] = 100
print(readings[:4])
#> tensor([100,   1,   2,   3])
# --8<-- [end:reshape_and_view]

# --8<-- [start:squeeze_and_unsqueeze]
import torch

image = torch.zeros(1, 28, 28)
print(image.squeeze().shape)
#> torch.Size([28, 28])
print(image.squeeze(0).shape)
#> torch.Size([28, 28])

row = torch.tensor([1.0, 2.0, 3.0])
print(row.unsqueeze(0).shape)
#> torch.Size([1, 3])
print(row.unsqueeze(1).shape)
#> torch.Size([3, 1])
print(row.unsqueeze(-1).shape)
#> torch.Size([3, 1])
# --8<-- [end:squeeze_and_unsqueeze]

# --8<-- [start:flatten]
import torch

images = torch.zeros(8, 3, 32, 32)
print(images.flatten().shape)
#> torch.Size([24576])
print(images.flatten(start_dim=1).shape)
#> torch.Size([8, 3072])
# --8<-- [end:flatten]

# --8<-- [start:transpose_and_permute]
import torch

matrix = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(matrix.t())
#> tensor([[1, 4],
#>         [2, 5],
#>         [3, 6]])
print(matrix.transpose(0, 1).shape)
#> torch.Size([3, 2])

images_hwc = torch.zeros(8, 32, 32, 3)
images_chw = images_hwc.permute(0, 3, 1, 2)
print(images_chw.shape)
#> torch.Size([8, 3, 32, 32])
# --8<-- [end:transpose_and_permute]

# --8<-- [start:expand_and_repeat]
import torch

column = torch.tensor([[1], [2], [3]])
expanded = column.expand(3, 4)
repeated = column.repeat(1, 4)
print(expanded)
#> tensor([[1, 1, 1, 1],
#>         [2, 2, 2, 2],
#>         [3, 3, 3, 3]])
print(torch.equal(expanded, repeated))
#> True
print(expanded.stride(), repeated.stride())
#> (1, 0) (4, 1)
print(expanded.data_ptr() == column.data_ptr(), repeated.data_ptr() == column.data_ptr())
#> True False
print(torch.tensor([1, 2]).repeat(3))
#> tensor([1, 2, 1, 2, 1, 2])
# --8<-- [end:expand_and_repeat]

# --8<-- [start:to_numpy]
import torch

tensor = torch.tensor([1.0, 2.0, 3.0])
array = tensor.numpy()
print(type(array), array.dtype)
#> <class 'numpy.ndarray'> float32

array[0] = 99.0
print(tensor)
#> tensor([99.,  2.,  3.])
# --8<-- [end:to_numpy]

# --8<-- [start:from_numpy]
import numpy as np
import torch

array = np.array([1.0, 2.0, 3.0])
shared = torch.from_numpy(array)
copied = torch.tensor(array)
print(shared.dtype)
#> torch.float64

array *= 10
print(shared)
#> tensor([10., 20., 30.], dtype=torch.float64)
print(copied)
#> tensor([1., 2., 3.], dtype=torch.float64)
# --8<-- [end:from_numpy]

# --8<-- [start:numpy_needs_detach]
import torch

weight = torch.tensor([0.5, -0.5], requires_grad=True)

try:
    weight.numpy()
except RuntimeError as error:
    print(error)
#> Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.

print(weight.detach().numpy())
#> [ 0.5 -0.5]
# --8<-- [end:numpy_needs_detach]

# Only a machine with CUDA can run this section; the tests skip it elsewhere.
if torch.cuda.is_available():
    # --8<-- [start:numpy_from_gpu]
    # Needs a CUDA GPU: skipped by the tests when torch.cuda.is_available() is False.
    import torch

    on_gpu = torch.tensor([1.0, 2.0, 3.0], device="cuda")
    print(on_gpu.is_cuda, on_gpu.device)
    #> True cuda:0

    try:
        on_gpu.numpy()
    except TypeError as error:
        print(error)
    #> can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.

    print(on_gpu.cpu().numpy())
    #> [1. 2. 3.]
    # --8<-- [end:numpy_from_gpu]

# --8<-- [start:clone]
import torch

original = torch.tensor([1.0, 2.0, 3.0])
copy = original.clone()
copy[0] = -1.0
print(original, copy)
#> tensor([1., 2., 3.]) tensor([-1.,  2.,  3.])
print(original.data_ptr() == copy.data_ptr())
#> False
# --8<-- [end:clone]

# --8<-- [start:detach]
import torch

weight = torch.tensor([1.0, 2.0], requires_grad=True)
frozen = weight.detach()
print(frozen.requires_grad)
#> False

frozen[0] = 10.0
print(weight)
#> tensor([10.,  2.], requires_grad=True)
print(weight.detach().clone().data_ptr() == weight.data_ptr())
#> False
# --8<-- [end:detach]

# --8<-- [start:to]
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
values = torch.tensor([1, 2, 3])

as_float = values.to(torch.float32)
on_device = values.to(device)
both = values.to(device, dtype=torch.float64)
print(as_float.dtype, on_device.device.type == device.type, both.dtype)
#> torch.float32 True torch.float64
print(values.to(torch.int64) is values)
#> True
# --8<-- [end:to]
