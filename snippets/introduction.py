"""Examples for the Introduction chapter (docs/introduction.md)."""

# --8<-- [start:dynamic_graph]
import torch


def double_until_at_least_ten(x):
    # Ordinary Python: how many times the loop runs depends on the value of x.
    while x < 10:
        x = x * 2
    return x


def recorded_graph(output):
    """The backward nodes autograd recorded, from the output back to the input."""
    names = []
    node = output.grad_fn
    while node is not None:
        names.append(type(node).__name__)
        node = node.next_functions[0][0] if node.next_functions else None
    return " -> ".join(names)


for start in (6.0, 1.5):
    x = torch.tensor(start, requires_grad=True)
    y = double_until_at_least_ten(x)
    y.backward()
    print(f"x = {start}: y = {y.item()}, dy/dx = {x.grad.item()}")
    print(f"  graph: {recorded_graph(y)}")
#> x = 6.0: y = 12.0, dy/dx = 2.0
#>   graph: MulBackward0 -> AccumulateGrad
#> x = 1.5: y = 12.0, dy/dx = 8.0
#>   graph: MulBackward0 -> MulBackward0 -> MulBackward0 -> AccumulateGrad
# --8<-- [end:dynamic_graph]

# --8<-- [start:five_concepts]
import torch
from torch import nn

torch.manual_seed(0)

# Device: where the numbers live and the work happens.
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")

# Tensor: the data, four points on the line y = 2x + 1.
inputs = torch.tensor([[1.0], [2.0], [3.0], [4.0]], device=device)
targets = torch.tensor([[3.0], [5.0], [7.0], [9.0]], device=device)

# nn.Module: a model with a learnable weight and bias.
model = nn.Linear(1, 1).to(device)

# Optimizer: the rule that nudges the parameters to lower the loss.
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
loss_fn = nn.MSELoss()

for step in range(201):
    loss = loss_fn(model(inputs), targets)
    if step % 50 == 0:
        print(f"step {step:3d}: loss {loss.item():.4f}")
    optimizer.zero_grad()
    loss.backward()  # Autograd: computes the gradient of the loss for every parameter.
    optimizer.step()
#> step   0: loss 35.0928
#> step  50: loss 0.0014
#> step 100: loss 0.0003
#> step 150: loss 0.0001
#> step 200: loss 0.0000

print(f"learned: y = {model.weight.item():.2f}x + {model.bias.item():.2f}")
#> learned: y = 2.00x + 1.01
# --8<-- [end:five_concepts]

# --8<-- [start:exercise_predict_the_graph]
import torch


def double_until_at_least_ten(x):
    while x < 10:
        x = x * 2
    return x


def recorded_graph(output):
    names = []
    node = output.grad_fn
    while node is not None:
        names.append(type(node).__name__)
        node = node.next_functions[0][0] if node.next_functions else None
    return " -> ".join(names) or "(nothing recorded)"


for start in (0.75, 20.0):
    x = torch.tensor(start, requires_grad=True)
    y = double_until_at_least_ten(x)
    y.backward()
    print(f"x = {start}: y = {y.item()}, dy/dx = {x.grad.item()}")
    print(f"  graph: {recorded_graph(y)}")
    print(f"  y is x: {y is x}")
#> x = 0.75: y = 12.0, dy/dx = 16.0
#>   graph: MulBackward0 -> MulBackward0 -> MulBackward0 -> MulBackward0 -> AccumulateGrad
#>   y is x: False
#> x = 20.0: y = 20.0, dy/dx = 1.0
#>   graph: (nothing recorded)
#>   y is x: True
# --8<-- [end:exercise_predict_the_graph]

# --8<-- [start:exercise_branch_on_sign]
import torch


def bend(x):
    if x > 0:
        return x**2
    return -x


for start in (3.0, -3.0):
    x = torch.tensor(start, requires_grad=True)
    y = bend(x)
    y.backward()
    recorded = type(y.grad_fn).__name__
    print(f"x = {start}: y = {y.item()}, grad_fn: {recorded}, dy/dx = {x.grad.item()}")
#> x = 3.0: y = 9.0, grad_fn: PowBackward0, dy/dx = 6.0
#> x = -3.0: y = 3.0, grad_fn: NegBackward0, dy/dx = -1.0
# --8<-- [end:exercise_branch_on_sign]
