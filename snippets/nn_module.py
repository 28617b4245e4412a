"""Examples for the Building models with nn.Module chapter (docs/nn-module.md)."""

# --8<-- [start:first_model]
import torch
from torch import nn


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(2, 4)
        self.output = nn.Linear(4, 1)

    def forward(self, x):
        x = self.hidden(x)
        x = torch.relu(x)
        return self.output(x)


torch.manual_seed(0)
model = TinyNet()
batch = torch.tensor([[0.5, -1.0], [2.0, 1.0], [0.0, 0.0]])
prediction = model(batch)
print(batch.shape, "->", prediction.shape)
#> torch.Size([3, 2]) -> torch.Size([3, 1])
print(prediction)
#> tensor([[0.0597],
#>         [0.0588],
#>         [0.1357]], grad_fn=<AddmmBackward0>)
# --8<-- [end:first_model]

# --8<-- [start:forgot_super_init]
from torch import nn


class Forgetful(nn.Module):
    def __init__(self):
        # super().__init__() is missing
        self.layer = nn.Linear(2, 1)


try:
    Forgetful()
except AttributeError as error:
    print(f"{type(error).__name__}: {error}")
#> AttributeError: cannot assign module before Module.__init__() call
# --8<-- [end:forgot_super_init]

# --8<-- [start:linear_shapes]
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(in_features=3, out_features=2)
print(layer)
#> Linear(in_features=3, out_features=2, bias=True)
print(layer.weight.shape, layer.bias.shape)
#> torch.Size([2, 3]) torch.Size([2])

one_sample = torch.tensor([1.0, 2.0, 3.0])
batch_of_four = torch.ones(4, 3)
print(layer(one_sample).shape, layer(batch_of_four).shape)
#> torch.Size([2]) torch.Size([4, 2])
# --8<-- [end:linear_shapes]

# --8<-- [start:linear_formula]
import torch
from torch import nn

layer = nn.Linear(3, 2)
with torch.no_grad():
    layer.weight.copy_(torch.tensor([[1.0, 0.0, -1.0], [0.5, 0.5, 0.5]]))
    layer.bias.copy_(torch.tensor([10.0, 0.0]))

x = torch.tensor([[1.0, 2.0, 3.0]])
print(layer(x))
#> tensor([[8., 3.]], grad_fn=<AddmmBackward0>)
print(x @ layer.weight.T + layer.bias)
#> tensor([[8., 3.]], grad_fn=<AddBackward0>)
# --8<-- [end:linear_formula]

# --8<-- [start:linear_without_bias]
from torch import nn

with_bias = nn.Linear(3, 2)
without_bias = nn.Linear(3, 2, bias=False)
print(without_bias)
#> Linear(in_features=3, out_features=2, bias=False)
print(without_bias.bias)
#> None
for layer in (with_bias, without_bias):
    print(sum(p.numel() for p in layer.parameters()), "parameters")
#> 8 parameters
#> 6 parameters
# --8<-- [end:linear_without_bias]

# --8<-- [start:print_model]
from torch import nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 8)
        self.activation = nn.ReLU()
        self.output = nn.Linear(8, 3)

    def forward(self, x):
        return self.output(self.activation(self.hidden(x)))


print(Classifier())
#> Classifier(
#>   (hidden): Linear(in_features=4, out_features=8, bias=True)
#>   (activation): ReLU()
#>   (output): Linear(in_features=8, out_features=3, bias=True)
#> )
# --8<-- [end:print_model]

# --8<-- [start:parameters_and_count]
import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 8)
        self.output = nn.Linear(8, 3)

    def forward(self, x):
        return self.output(torch.relu(self.hidden(x)))


model = Classifier()
for name, parameter in model.named_parameters():
    print(f"{name:<14} {tuple(parameter.shape)}")
#> hidden.weight  (8, 4)
#> hidden.bias    (8,)
#> output.weight  (3, 8)
#> output.bias    (3,)

total = sum(parameter.numel() for parameter in model.parameters())
print("total:", total)
#> total: 67
print(4 * 8 + 8 + 8 * 3 + 3)
#> 67
# --8<-- [end:parameters_and_count]

# --8<-- [start:read_weight_and_bias]
import torch
from torch import nn

torch.manual_seed(0)
layer = nn.Linear(3, 2)
print(layer.weight)
#> Parameter containing:
#> tensor([[-0.0043,  0.3097, -0.4752],
#>         [-0.4249, -0.2224,  0.1548]], requires_grad=True)
print(layer.bias)
#> Parameter containing:
#> tensor([-0.0114,  0.4578], requires_grad=True)
print(type(layer.weight).__name__, layer.weight.requires_grad)
#> Parameter True

# Weights start random, in the range ±1/sqrt(in_features).
bound = 1 / 3**0.5
print(f"{bound:.4f}", bool(layer.weight.abs().max() <= bound))
#> 0.5774 True
# --8<-- [end:read_weight_and_bias]

# --8<-- [start:sequential]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(4, 8),
    nn.ReLU(),
    nn.Linear(8, 3),
)
print(model)
#> Sequential(
#>   (0): Linear(in_features=4, out_features=8, bias=True)
#>   (1): ReLU()
#>   (2): Linear(in_features=8, out_features=3, bias=True)
#> )
print([name for name, _ in model.named_parameters()])
#> ['0.weight', '0.bias', '2.weight', '2.bias']
print(model[2])
#> Linear(in_features=8, out_features=3, bias=True)
print(model(torch.ones(5, 4)).shape)
#> torch.Size([5, 3])
# --8<-- [end:sequential]

# --8<-- [start:activations]
import torch
from torch import nn

x = torch.tensor([-3.0, -1.0, 0.0, 1.0, 3.0])
print(nn.ReLU()(x))
#> tensor([0., 0., 0., 1., 3.])
print(nn.Sigmoid()(x))
#> tensor([0.0474, 0.2689, 0.5000, 0.7311, 0.9526])
print(nn.Tanh()(x))
#> tensor([-0.9951, -0.7616,  0.0000,  0.7616,  0.9951])

# The same functions without building a module:
print(torch.equal(torch.relu(x), nn.ReLU()(x)), torch.equal(torch.sigmoid(x), nn.Sigmoid()(x)))
#> True True
# --8<-- [end:activations]

# --8<-- [start:call_model_not_forward]
import torch
from torch import nn


def report(module, inputs, output):
    print("hook saw an output of shape", tuple(output.shape))


layer = nn.Linear(3, 2)
layer.register_forward_hook(report)
x = torch.ones(1, 3)

y = layer(x)
#> hook saw an output of shape (1, 2)
y = layer.forward(x)  # runs the layer, skips the hook: nothing printed
# --8<-- [end:call_model_not_forward]

# --8<-- [start:exercise_count_parameters]
import torch
from torch import nn

model = nn.Sequential(nn.Linear(10, 128), nn.ReLU(), nn.Linear(128, 1))

by_hand = (10 * 128 + 128) + (128 * 1 + 1)
by_code = sum(parameter.numel() for parameter in model.parameters())
print(by_hand, by_code)
#> 1537 1537
print(model(torch.zeros(32, 10)).shape)
#> torch.Size([32, 1])
# --8<-- [end:exercise_count_parameters]

# --8<-- [start:exercise_stacked_linear_collapses]
import torch
from torch import nn

torch.manual_seed(0)
first = nn.Linear(3, 5)
second = nn.Linear(5, 2)
stacked = nn.Sequential(first, second)

merged = nn.Linear(3, 2)
with torch.no_grad():
    merged.weight.copy_(second.weight @ first.weight)
    merged.bias.copy_(second.weight @ first.bias + second.bias)

x = torch.randn(4, 3)
print(torch.allclose(stacked(x), merged(x), atol=1e-6))
#> True
# --8<-- [end:exercise_stacked_linear_collapses]

# --8<-- [start:exercise_sequential_to_class]
import torch
from torch import nn


class Regressor(nn.Module):
    def __init__(self, in_features, hidden_units):
        super().__init__()
        self.hidden = nn.Linear(in_features, hidden_units)
        self.output = nn.Linear(hidden_units, 1)

    def forward(self, x):
        return self.output(torch.tanh(self.hidden(x)))


torch.manual_seed(0)
as_class = Regressor(in_features=6, hidden_units=16)
torch.manual_seed(0)
as_sequential = nn.Sequential(nn.Linear(6, 16), nn.Tanh(), nn.Linear(16, 1))

x = torch.randn(2, 6)
print(torch.equal(as_class(x), as_sequential(x)))
#> True
# --8<-- [end:exercise_sequential_to_class]
