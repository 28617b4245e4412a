"""Examples for the Autograd chapter (docs/autograd.md)."""

# --8<-- [start:first_gradient]
import torch

x = torch.tensor(2.0)  # an input: plain data, no gradient wanted
target = torch.tensor(10.0)  # the answer the model should give for it
w = torch.tensor(3.0, requires_grad=True)  # the parameters: gradients wanted
b = torch.tensor(1.0, requires_grad=True)

prediction = w * x + b
loss = (prediction - target) ** 2
print(prediction.item(), loss.item())
#> 7.0 9.0

loss.backward()
print(w.grad, b.grad)
#> tensor(-12.) tensor(-6.)

# By hand: d loss / d w = 2 * (prediction - target) * x
print(2 * (prediction.item() - target.item()) * x.item())
#> -12.0
# --8<-- [end:first_gradient]

# --8<-- [start:requires_grad_records_graph]
# Continues the previous block.
print(w)
#> tensor(3., requires_grad=True)
print(x)
#> tensor(2.)
print(prediction)
#> tensor(7., grad_fn=<AddBackward0>)
print(loss)
#> tensor(9., grad_fn=<PowBackward0>)
# --8<-- [end:requires_grad_records_graph]


# --8<-- [start:walk_next_functions]
# Continues the previous block.
def show_graph(node, depth=0):
    """Print a backward node and, indented below it, the nodes it passes gradients to."""
    print("    " * depth + type(node).__name__)
    for child, _ in node.next_functions:
        if child is not None:
            show_graph(child, depth + 1)


show_graph(loss.grad_fn)
#> PowBackward0
#>     SubBackward0
#>         AddBackward0
#>             MulBackward0
#>                 AccumulateGrad
#>             AccumulateGrad

multiply = prediction.grad_fn.next_functions[0][0]
print(multiply.next_functions)  # w's slot, then x's: x needs no gradient
#> ((<AccumulateGrad object at 0x...>, 0), (None, 0))
print(multiply.next_functions[0][0].variable is w)
#> True
# --8<-- [end:walk_next_functions]

# --8<-- [start:grad_fn_names]
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
results = {
    "x + 2": x + 2,
    "x - 1": x - 1,
    "x * 3": x * 3,
    "x ** 2": x**2,
    "x ** x": x**x,
    "2 ** x": 2**x,
    "x.sum()": x.sum(),
    "x.mean()": x.mean(),
}
for code, result in results.items():
    print(f"{code:<9} {result.grad_fn.name()}")
#> x + 2     AddBackward0
#> x - 1     SubBackward0
#> x * 3     MulBackward0
#> x ** 2    PowBackward0
#> x ** x    PowBackward1
#> 2 ** x    PowBackward2
#> x.sum()   SumBackward0
#> x.mean()  MeanBackward0
# --8<-- [end:grad_fn_names]

# --8<-- [start:chain_rule_by_code]
import torch

x = torch.tensor(5.0, requires_grad=True)
y = x + 2
z = y**2
print(y)
#> tensor(7., grad_fn=<AddBackward0>)
print(z)
#> tensor(49., grad_fn=<PowBackward0>)

z.backward()
print(x.grad)
#> tensor(14.)
print(2 * (x.item() + 2))  # by hand: dz/dx = 2(x + 2)
#> 14.0
# --8<-- [end:chain_rule_by_code]

# --8<-- [start:mean_example]
import torch

x = torch.ones(2, 2, requires_grad=True)
y = x + 2
squared = y**2
z = 3 * squared
out = z.mean()
print(y.grad_fn.name(), squared.grad_fn.name(), z.grad_fn.name(), out.grad_fn.name())
#> AddBackward0 PowBackward0 MulBackward0 MeanBackward0
print(out)
#> tensor(27., grad_fn=<MeanBackward0>)

out.backward()
print(x.grad)
#> tensor([[4.5000, 4.5000],
#>         [4.5000, 4.5000]])
# --8<-- [end:mean_example]

# --8<-- [start:sum_of_squares]
import torch

x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)

try:
    (x**2).backward()
except RuntimeError as error:
    print(error)
#> grad can be implicitly created only for scalar outputs

(x**2).sum().backward()
print(x.grad)
#> tensor([ 2., -4.,  6.])
print(torch.equal(x.grad, 2 * x.detach()))
#> True
# --8<-- [end:sum_of_squares]

# --8<-- [start:vector_jacobian_product]
import torch

matrix = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
x = torch.ones(3, requires_grad=True)
y = matrix @ x  # two outputs, each depending on all three inputs
print(y)
#> tensor([ 6., 15.], grad_fn=<MvBackward0>)

v = torch.tensor([1.0, 10.0])  # one weight per output
y.backward(gradient=v)
print(x.grad)
#> tensor([41., 52., 63.])

jacobian = torch.autograd.functional.jacobian(lambda inputs: matrix @ inputs, x)
print(jacobian)
#> tensor([[1., 2., 3.],
#>         [4., 5., 6.]])
print(v @ jacobian)
#> tensor([41., 52., 63.])
# --8<-- [end:vector_jacobian_product]

# --8<-- [start:vector_jacobian_product_as_weighted_sum]
# Continues the previous block.
x.grad = None
weighted_sum = (v * (matrix @ x)).sum()  # 1 * y[0] + 10 * y[1]: one number
weighted_sum.backward()
print(x.grad)
#> tensor([41., 52., 63.])
# --8<-- [end:vector_jacobian_product_as_weighted_sum]

# --8<-- [start:leaf_and_non_leaf]
import torch

x = torch.tensor(5.0, requires_grad=True)
constant = torch.tensor(2.0)
y = x + constant
z = y**2

print(x.is_leaf, constant.is_leaf, y.is_leaf, z.is_leaf)
#> True True False False
print(x.grad_fn, y.grad_fn.name())
#> None AddBackward0

z.backward()
print(x.grad)
#> tensor(14.)

print(y.grad)  # not a leaf: None, and PyTorch warns
#> UserWarning: The .grad attribute of a Tensor that is not a leaf Tensor is being accessed.
#> Its .grad attribute won't be populated during autograd.backward(). If you indeed want the
#> .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf
#> Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor
#> instead. See github.com/pytorch/pytorch/pull/30531 for more information. (Triggered
#> internally at ...)
#> None
# --8<-- [end:leaf_and_non_leaf]

# --8<-- [start:retain_grad]
import torch

x = torch.tensor(5.0, requires_grad=True)
y = x + 2
y.retain_grad()
z = y**2

z.backward()
print(y.grad)
#> tensor(14.)
print(x.grad)
#> tensor(14.)
# --8<-- [end:retain_grad]


# --8<-- [start:requires_grad_assignment_pitfall]
import torch

x = torch.ones(3, requires_grad=True)
x.requires_grad_ = False  # WRONG: stores a new attribute, switches nothing off

print(x.requires_grad)
#> True
print(x.requires_grad_)
#> False
print((x * 2).grad_fn.name())
#> MulBackward0
# --8<-- [end:requires_grad_assignment_pitfall]

# --8<-- [start:stop_tracking_with_requires_grad_]
import torch

x = torch.ones(3, requires_grad=True)
x.requires_grad_(False)

print(x.requires_grad)
#> False
print(x * 2)
#> tensor([2., 2., 2.])
# --8<-- [end:stop_tracking_with_requires_grad_]

# --8<-- [start:stop_tracking_with_detach]
import torch

x = torch.ones(3, requires_grad=True)
frozen = x.detach()
print(frozen.requires_grad, x.requires_grad)
#> False True
print(frozen.data_ptr() == x.data_ptr())
#> True

frozen[0] = 10.0
print(x)
#> tensor([10.,  1.,  1.], requires_grad=True)

independent = x.detach().clone()
independent[1] = -1.0
print(x)
#> tensor([10.,  1.,  1.], requires_grad=True)
# --8<-- [end:stop_tracking_with_detach]

# --8<-- [start:stop_tracking_with_no_grad]
import torch

torch.manual_seed(0)
model = torch.nn.Linear(3, 1)
batch = torch.randn(4, 3)

with torch.no_grad():
    prediction = model(batch)

print(prediction.requires_grad, prediction.grad_fn)
#> False None
print(model.weight.requires_grad)
#> True
print(model(batch).grad_fn.name())
#> AddmmBackward0
# --8<-- [end:stop_tracking_with_no_grad]

# --8<-- [start:stop_tracking_with_inference_mode]
import torch

torch.manual_seed(0)
model = torch.nn.Linear(3, 1)
batch = torch.randn(4, 3)

with torch.inference_mode():
    prediction = model(batch)

print(prediction.requires_grad, prediction.is_inference())
#> False True
# --8<-- [end:stop_tracking_with_inference_mode]

# --8<-- [start:gradients_accumulate]
import torch

x = torch.tensor(1.0, requires_grad=True)
z = (x + 2) ** 2

z.backward(retain_graph=True)
print(x.grad)
#> tensor(6.)
z.backward()
print(x.grad)
#> tensor(12.)
# --8<-- [end:gradients_accumulate]

# --8<-- [start:second_backward_needs_retain_graph]
import torch

x = torch.tensor(1.0, requires_grad=True)
z = (x + 2) ** 2
z.backward()

try:
    z.backward()
except RuntimeError as error:
    print(str(error).split(" (")[0])
#> Trying to backward through the graph a second time

z = (x + 2) ** 2  # run the forward pass again: a fresh graph
z.backward()
print(x.grad)
#> tensor(12.)
# --8<-- [end:second_backward_needs_retain_graph]

# --8<-- [start:clear_gradients]
import torch

x = torch.tensor(1.0, requires_grad=True)
for _ in range(3):
    z = (x + 2) ** 2
    z.backward()
    print(x.grad)
    x.grad.zero_()
#> tensor(6.)
#> tensor(6.)
#> tensor(6.)
print(x.grad)
#> tensor(0.)

x.grad = None
print(x.grad)
#> None
# --8<-- [end:clear_gradients]

# --8<-- [start:clear_gradients_with_optimizer]
import torch

weight = torch.nn.Parameter(torch.tensor([1.0, 2.0]))
optimizer = torch.optim.SGD([weight], lr=0.1)

(3 * weight).sum().backward()
print(weight.grad)
#> tensor([3., 3.])

optimizer.zero_grad()
print(weight.grad)
#> None
# --8<-- [end:clear_gradients_with_optimizer]

# --8<-- [start:finite_differences]
import torch


def f(x):
    return (x**2 * torch.sin(x)).sum()


x = torch.tensor([0.5, 1.0, 2.0], dtype=torch.float64, requires_grad=True)
f(x).backward()
from_autograd = x.grad

h = 1e-6
from_differences = torch.zeros_like(from_autograd)
with torch.no_grad():
    for i in range(x.numel()):
        step = torch.zeros_like(x)
        step[i] = h
        from_differences[i] = (f(x + step) - f(x - step)) / (2 * h)

with torch.no_grad():
    by_hand = 2 * x * torch.sin(x) + x**2 * torch.cos(x)

print([f"{value:.6f}" for value in from_autograd.tolist()])
#> ['0.698821', '2.223244', '1.972602']
print([f"{value:.6f}" for value in from_differences.tolist()])
#> ['0.698821', '2.223244', '1.972602']
print([f"{value:.6f}" for value in by_hand.tolist()])
#> ['0.698821', '2.223244', '1.972602']
print(torch.allclose(from_autograd, from_differences))
#> True
print((from_autograd - from_differences).abs().max().item() < 1e-8)
#> True
# --8<-- [end:finite_differences]

# --8<-- [start:gradcheck]
import torch


def f(x):
    return (x**2 * torch.sin(x)).sum()


x = torch.tensor([0.5, 1.0, 2.0], dtype=torch.float64, requires_grad=True)
print(torch.autograd.gradcheck(f, (x,)))
#> True
# --8<-- [end:gradcheck]

# --8<-- [start:dynamic_graph]
import torch


def scale_or_square(x):
    if x > 0:
        return x * 3
    return x**2


for start in (2.0, -2.0):
    x = torch.tensor(start, requires_grad=True)
    result = scale_or_square(x)
    result.backward()
    print(f"x = {start:>4}: {result.grad_fn.name()}, gradient {x.grad.item()}")
#> x =  2.0: MulBackward0, gradient 3.0
#> x = -2.0: PowBackward0, gradient -4.0
# --8<-- [end:dynamic_graph]

# --8<-- [start:exercise_sin_gradient]
import math

import torch

x = torch.tensor([0.0, math.pi / 2], dtype=torch.float64, requires_grad=True)
torch.sin(x).sum().backward()

print([f"{value:.4f}" for value in x.grad.tolist()])
#> ['1.0000', '0.0000']
print(torch.allclose(x.grad, torch.cos(x.detach())))
#> True
# --8<-- [end:exercise_sin_gradient]

# --8<-- [start:exercise_two_inputs]
import torch

a = torch.tensor(3.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
f = a**2 * b
f.backward()

print(f.item(), a.grad.item(), b.grad.item())
#> 18.0 12.0 9.0
# --8<-- [end:exercise_two_inputs]

# --8<-- [start:exercise_loop_bug]
import torch

w = torch.tensor(0.0, requires_grad=True)
for step in range(1, 51):
    loss = (w - 3) ** 2
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    if step % 10 == 0:
        print(f"step {step}: w = {w.item():.4f}")
#> step 10: w = 2.9280
#> step 20: w = 6.0289
#> step 30: w = 1.8559
#> step 40: w = 0.4304
#> step 50: w = 5.1758
# --8<-- [end:exercise_loop_bug]

# --8<-- [start:exercise_loop_bug_fixed]
import torch

w = torch.tensor(0.0, requires_grad=True)
for step in range(1, 51):
    loss = (w - 3) ** 2
    loss.backward()
    with torch.no_grad():
        w -= 0.1 * w.grad
    w.grad.zero_()  # the missing line: start the next step from a zero gradient
    if step % 10 == 0:
        print(f"step {step}: w = {w.item():.4f}")
#> step 10: w = 2.6779
#> step 20: w = 2.9654
#> step 30: w = 2.9963
#> step 40: w = 2.9996
#> step 50: w = 3.0000
# --8<-- [end:exercise_loop_bug_fixed]
