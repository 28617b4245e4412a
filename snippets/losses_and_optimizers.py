"""Examples for the Losses and optimizers chapter (docs/losses-and-optimizers.md)."""

# --8<-- [start:mse_and_l1]
import torch
from torch import nn

predictions = torch.tensor([1.0, 2.0, 3.0, 4.0])
targets = torch.tensor([1.5, 2.0, 2.5, 10.0])

# Errors are 0.5, 0, 0.5 and 6: one prediction is far off.
mse = nn.MSELoss()(predictions, targets)
mae = nn.L1Loss()(predictions, targets)
print(f"MSE {mse.item():.4f}   L1 {mae.item():.4f}")
#> MSE 9.1250   L1 1.7500
print(f"by hand: {(0.25 + 0 + 0.25 + 36) / 4:.4f}   {(0.5 + 0 + 0.5 + 6) / 4:.4f}")
#> by hand: 9.1250   1.7500
# --8<-- [end:mse_and_l1]

# --8<-- [start:loss_reduction]
import torch
from torch import nn

predictions = torch.tensor([1.0, 2.0, 3.0, 4.0])
targets = torch.tensor([1.5, 2.0, 2.5, 10.0])

print(nn.MSELoss(reduction="none")(predictions, targets))
#> tensor([ 0.2500,  0.0000,  0.2500, 36.0000])
print(nn.MSELoss(reduction="sum")(predictions, targets))
#> tensor(36.5000)
print(nn.MSELoss(reduction="mean")(predictions, targets))
#> tensor(9.1250)
# --8<-- [end:loss_reduction]

# --8<-- [start:cross_entropy]
import torch
from torch import nn

# Two samples, three classes (0 = cat, 1 = dog, 2 = bird): raw scores, no softmax.
logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]])
labels = torch.tensor([0, 2])  # class indices, dtype int64

loss = nn.CrossEntropyLoss()(logits, labels)
print(f"{loss.item():.4f}")
#> 0.1755
print(logits.argmax(dim=1))
#> tensor([0, 2])
print(torch.softmax(logits, dim=1))
#> tensor([[0.7856, 0.1753, 0.0391],
#>         [0.0493, 0.0545, 0.8962]])
# --8<-- [end:cross_entropy]

# --8<-- [start:cross_entropy_is_log_softmax_plus_nll]
import torch
from torch import nn

torch.manual_seed(0)
logits = torch.randn(4, 3)
labels = torch.tensor([0, 2, 1, 2])

log_probabilities = torch.log_softmax(logits, dim=1)
print(f"CrossEntropyLoss        {nn.CrossEntropyLoss()(logits, labels).item():.4f}")
#> CrossEntropyLoss        0.9357
print(f"LogSoftmax + NLLLoss    {nn.NLLLoss()(log_probabilities, labels).item():.4f}")
#> LogSoftmax + NLLLoss    0.9357

# NLLLoss only picks -log p of the right class and averages:
picked = log_probabilities[torch.arange(4), labels]
print(f"-mean(picked log probs) {-picked.mean().item():.4f}")
#> -mean(picked log probs) 0.9357
# --8<-- [end:cross_entropy_is_log_softmax_plus_nll]

# --8<-- [start:softmax_before_cross_entropy]
import torch
from torch import nn

confident_and_right = torch.tensor([[10.0, -10.0, -10.0]])
label = torch.tensor([0])

correct = nn.CrossEntropyLoss()(confident_and_right, label)
wrong = nn.CrossEntropyLoss()(torch.softmax(confident_and_right, dim=1), label)
print(f"logits:        {correct.item():.4f}")
#> logits:        0.0000
print(f"softmax first: {wrong.item():.4f}")
#> softmax first: 0.5514
# --8<-- [end:softmax_before_cross_entropy]

# --8<-- [start:cross_entropy_label_dtype]
import torch
from torch import nn

logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 0.2, 3.0]])
float_labels = torch.tensor([0.0, 2.0])

try:
    nn.CrossEntropyLoss()(logits, float_labels)
except RuntimeError as error:
    print(error)
#> expected target dtype to be Long or Byte, but got Float
print(f"{nn.CrossEntropyLoss()(logits, float_labels.long()).item():.4f}")
#> 0.1755
# --8<-- [end:cross_entropy_label_dtype]

# --8<-- [start:binary_cross_entropy]
import torch
from torch import nn

logits = torch.tensor([2.0, -1.0, 0.5])
targets = torch.tensor([1.0, 0.0, 1.0])  # floats, same shape as the output

probabilities = torch.sigmoid(logits)
print(probabilities.round(decimals=4))
#> tensor([0.8808, 0.2689, 0.6225])
print(f"BCELoss(sigmoid(logits)) {nn.BCELoss()(probabilities, targets).item():.4f}")
#> BCELoss(sigmoid(logits)) 0.3048
print(f"BCEWithLogitsLoss        {nn.BCEWithLogitsLoss()(logits, targets).item():.4f}")
#> BCEWithLogitsLoss        0.3048
# --8<-- [end:binary_cross_entropy]

# --8<-- [start:bce_with_logits_is_safer]
import torch
from torch import nn

targets = torch.tensor([0.0, 0.0, 0.0])

# Route 1: sigmoid, then BCELoss.
logits = torch.tensor([2.0, 20.0, 40.0], requires_grad=True)
probabilities = torch.sigmoid(logits)
print(probabilities.detach(), probabilities == 1.0)
#> tensor([0.8808, 1.0000, 1.0000]) tensor([False,  True,  True])
loss = nn.BCELoss(reduction="none")(probabilities, targets)
loss.sum().backward()
print("BCELoss           loss", loss.detach(), "grad", logits.grad)
#> BCELoss           loss tensor([  2.1269, 100.0000, 100.0000]) grad tensor([0.8808, 0.0000, 0.0000])

# Route 2: BCEWithLogitsLoss on the raw logits.
logits = torch.tensor([2.0, 20.0, 40.0], requires_grad=True)
loss = nn.BCEWithLogitsLoss(reduction="none")(logits, targets)
loss.sum().backward()
print("BCEWithLogitsLoss loss", loss.detach(), "grad", logits.grad)
#> BCEWithLogitsLoss loss tensor([ 2.1269, 20.0000, 40.0000]) grad tensor([0.8808, 1.0000, 1.0000])
# --8<-- [end:bce_with_logits_is_safer]

# --8<-- [start:create_optimizers]
from torch import nn, optim

model = nn.Linear(3, 1)
sgd = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
adam = optim.Adam(model.parameters(), lr=0.001)

group = sgd.param_groups[0]
print(group["lr"], group["momentum"], len(group["params"]))
#> 0.01 0.9 2
print(adam.param_groups[0]["lr"], adam.param_groups[0]["betas"])
#> 0.001 (0.9, 0.999)
print(group["params"][0] is model.weight)
#> True
# --8<-- [end:create_optimizers]

# --8<-- [start:update_step]
import torch

w = torch.tensor(1.0, requires_grad=True)
x, y = 2.0, 6.0  # we want w * x == y, so the best w is 3
optimizer = torch.optim.SGD([w], lr=0.1)

optimizer.zero_grad()
loss = (w * x - y) ** 2
loss.backward()
print(f"before: w = {w.item():.4f}  loss = {loss.item():.4f}  grad = {w.grad.item():.4f}")
#> before: w = 1.0000  loss = 16.0000  grad = -16.0000
optimizer.step()  # w <- w - lr * grad = 1.0 - 0.1 * (-16.0)
print(f"after:  w = {w.item():.4f}")
#> after:  w = 2.6000
# --8<-- [end:update_step]

# --8<-- [start:forgetting_zero_grad]
import torch


def train(clear_gradients, steps=3):
    w = torch.tensor(1.0, requires_grad=True)
    optimizer = torch.optim.SGD([w], lr=0.1)
    for step in range(1, steps + 1):
        if clear_gradients:
            optimizer.zero_grad()
        loss = (w * 2.0 - 6.0) ** 2
        loss.backward()
        optimizer.step()
        print(f"  step {step}: grad {w.grad.item():8.4f}  w {w.item():.4f}")


print("with zero_grad (w should approach 3):")
#> with zero_grad (w should approach 3):
train(clear_gradients=True)
#>   step 1: grad -16.0000  w 2.6000
#>   step 2: grad  -3.2000  w 2.9200
#>   step 3: grad  -0.6400  w 2.9840
print("without zero_grad:")
#> without zero_grad:
train(clear_gradients=False)
#>   step 1: grad -16.0000  w 2.6000
#>   step 2: grad -19.2000  w 4.5200
#>   step 3: grad  -7.0400  w 5.2240
# --8<-- [end:forgetting_zero_grad]

# --8<-- [start:learning_rate]
import torch
from torch import nn

x = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
y = 2 * x + 1

for lr in (0.01, 0.05, 0.15):
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for step in range(1, 21):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        if step in (1, 5, 10, 20):
            losses.append(f"{loss.item():.4g}")
    print(f"lr={lr:<5}", "  ".join(losses))
#> lr=0.01  35.09  8.14  1.314  0.0396
#> lr=0.05  35.09  0.005735  0.004916  0.003636
#> lr=0.15  35.09  923.9  5.512e+04  1.961e+08
# --8<-- [end:learning_rate]

# --8<-- [start:momentum_and_adam]
import torch
from torch import nn

x = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
y = 2 * x + 1

choices = {
    "SGD lr=0.01": lambda params: torch.optim.SGD(params, lr=0.01),
    "SGD lr=0.01 momentum=0.9": lambda params: torch.optim.SGD(params, lr=0.01, momentum=0.9),
    "Adam lr=0.1": lambda params: torch.optim.Adam(params, lr=0.1),
}
for name, make_optimizer in choices.items():
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    optimizer = make_optimizer(model.parameters())
    for _ in range(200):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
    w, b = model.weight.item(), model.bias.item()
    print(f"{name:<25} loss {loss.item():.4f}  w {w:.3f}  b {b:.3f}")
#> SGD lr=0.01               loss 0.0020  w 1.963  b 1.108
#> SGD lr=0.01 momentum=0.9  loss 0.0000  w 2.000  b 1.000
#> Adam lr=0.1               loss 0.0054  w 1.939  b 1.176
# --8<-- [end:momentum_and_adam]

# --8<-- [start:adam_step_size]
import torch


def first_step(make_optimizer, scale):
    w = torch.tensor(1.0, requires_grad=True)
    optimizer = make_optimizer([w])
    loss = scale * (w * 2.0 - 6.0) ** 2
    loss.backward()
    optimizer.step()
    return w.item() - 1.0


for scale in (1.0, 100.0):
    sgd = first_step(lambda params: torch.optim.SGD(params, lr=0.1), scale)
    adam = first_step(lambda params: torch.optim.Adam(params, lr=0.1), scale)
    print(f"loss x{scale:<5.0f} SGD moves w by {sgd:8.4f}   Adam moves w by {adam:.4f}")
#> loss x1     SGD moves w by   1.6000   Adam moves w by 0.1000
#> loss x100   SGD moves w by 160.0000   Adam moves w by 0.1000
# --8<-- [end:adam_step_size]

# --8<-- [start:exercise_cross_entropy_by_hand]
import torch
from torch import nn

logits = torch.tensor([[1.0, 3.0, 0.0], [2.0, -1.0, 0.5]])
labels = torch.tensor([1, 0])

# loss of one sample = log(sum(exp(z))) - z[label]
per_sample = torch.logsumexp(logits, dim=1) - logits[torch.arange(2), labels]
print(f"by hand {per_sample.mean().item():.4f}")
#> by hand 0.2056
print(f"PyTorch {nn.CrossEntropyLoss()(logits, labels).item():.4f}")
#> PyTorch 0.2056
# --8<-- [end:exercise_cross_entropy_by_hand]

# --8<-- [start:exercise_learning_rate_sweep]
import torch
from torch import nn

x = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
y = 2 * x + 1

for lr in (0.001, 0.01, 0.05, 0.1, 0.15):
    torch.manual_seed(0)
    model = nn.Linear(1, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    losses = []
    for _ in range(50):
        optimizer.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    verdict = "diverged" if losses[-1] > losses[0] else f"{losses[-1]:.3g}"
    print(f"lr={lr:<6} final loss {verdict}")
#> lr=0.001  final loss 6.74
#> lr=0.01   final loss 0.00481
#> lr=0.05   final loss 0.00147
#> lr=0.1    final loss 0.000328
#> lr=0.15   final loss diverged
# --8<-- [end:exercise_learning_rate_sweep]

# --8<-- [start:exercise_accumulate_on_purpose]
import torch
from torch import nn

x = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
y = 2 * x + 1
torch.manual_seed(0)
model = nn.Linear(1, 1)

# One backward pass on the whole batch of 4.
model.zero_grad()
nn.functional.mse_loss(model(x), y).backward()
full_batch = model.weight.grad.clone()

# Two halves, no zero_grad in between: the gradients add up.
model.zero_grad()
for half in (slice(0, 2), slice(2, 4)):
    (nn.functional.mse_loss(model(x[half]), y[half]) / 2).backward()
accumulated = model.weight.grad.clone()

print(full_batch, accumulated, torch.allclose(full_batch, accumulated))
#> tensor([[-32.4301]]) tensor([[-32.4301]]) True
# --8<-- [end:exercise_accumulate_on_purpose]
