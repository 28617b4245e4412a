"""Examples for the Training Loop chapter (docs/training-loop.md)."""

# --8<-- [start:fit_a_line]
import torch
from torch import nn

torch.manual_seed(0)

# Three points on the line y = 2x + 2, one point per row.
inputs = torch.tensor([[1.0], [2.0], [3.0]])
targets = torch.tensor([[4.0], [6.0], [8.0]])

model = nn.Linear(1, 1)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)

model.train()
mean_losses = []
for epoch in range(1, 501):
    epoch_loss = 0.0
    for x, y in zip(inputs, targets, strict=True):  # one point at a time
        prediction = model(x)  # 1. forward
        loss = loss_fn(prediction, y)  # 2. loss
        optimizer.zero_grad()  # forget the previous point's gradients
        loss.backward()  # 3. backward
        optimizer.step()  # 4. update
        epoch_loss += loss.item()
    mean_losses.append(epoch_loss / len(inputs))
    if epoch % 100 == 0:
        print(f"epoch {epoch:3d}  mean loss {mean_losses[-1]:.2e}")
#> epoch 100  mean loss 1.52e-03
#> epoch 200  mean loss 6.63e-05
#> epoch 300  mean loss 2.88e-06
#> epoch 400  mean loss 1.25e-07
#> epoch 500  mean loss 5.48e-09

# How much of the previous epoch's loss is left after one more epoch:
for epoch in (100, 200, 300):
    print(f"epoch {epoch}: {mean_losses[epoch - 1] / mean_losses[epoch - 2]:.3f}")
#> epoch 100: 0.969
#> epoch 200: 0.969
#> epoch 300: 0.969
# --8<-- [end:fit_a_line]

# --8<-- [start:read_back_the_line]
# Continues the previous block.
weight = model.weight.item()
bias = model.bias.item()
print(f"f(x) = {weight:.2f}x + {bias:.2f}")
#> f(x) = 2.00x + 2.00

model.eval()
with torch.no_grad():
    at_ten = model(torch.tensor([10.0]))
print(f"f(10) = {at_ten.item():.2f}")
#> f(10) = 22.00
# --8<-- [end:read_back_the_line]

# --8<-- [start:dropout_train_vs_eval]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 4), nn.Dropout(p=0.5))
dropout = model[1]
ones = torch.ones(8)

print(model.training, dropout.training)
#> True True
dropout_output_1 = dropout(ones)
dropout_output_2 = dropout(ones)
print(dropout_output_1)
#> tensor([2., 2., 2., 0., 2., 2., 2., 2.])
print(dropout_output_2)
#> tensor([0., 0., 2., 0., 2., 0., 2., 0.])

model.eval()  # switches every submodule, the Dropout layer included
print(model.training, dropout.training)
#> False False
print(dropout(ones))
#> tensor([1., 1., 1., 1., 1., 1., 1., 1.])
print(torch.equal(dropout(ones), dropout(ones)))
#> True

model.train()  # back to training mode
print(dropout.training)
#> True
# --8<-- [end:dropout_train_vs_eval]

# --8<-- [start:evaluate_with_no_grad]
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(3, 1)
batch = torch.randn(4, 3)

tracked = model(batch)
print(tracked.requires_grad, tracked.grad_fn.name())
#> True AddmmBackward0

model.eval()
with torch.no_grad():
    untracked = model(batch)
print(untracked.requires_grad, untracked.grad_fn)
#> False None
print(torch.equal(tracked.detach(), untracked))
#> True
# --8<-- [end:evaluate_with_no_grad]

# --8<-- [start:split_and_normalise]
import numpy as np
import torch
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

# 442 patients, 10 measurements each (age, sex, body mass index, blood pressure, ...),
# and a number that says how far their diabetes progressed within one year.
features, target = load_diabetes(return_X_y=True, scaled=False)

# 60 % to train on, 20 % to tune with, 20 % kept back for the final test.
x_train, x_rest, y_train, y_rest = train_test_split(
    features, target, test_size=0.4, random_state=0
)
x_val, x_test, y_val, y_test = train_test_split(x_rest, y_rest, test_size=0.5, random_state=0)
print(len(x_train), len(x_val), len(x_test))
#> 265 88 89

print(x_train[:, :4].mean(axis=0).round(1))  # age, sex, BMI, blood pressure
#> [48.4  1.5 26.2 94.9]

# Normalise with the training set's statistics only, then apply the same numbers everywhere.
mean = x_train.mean(axis=0)
std = x_train.std(axis=0)
x_train, x_val, x_test = [(x - mean) / std for x in (x_train, x_val, x_test)]
print(np.allclose(x_train.mean(axis=0), 0), np.allclose(x_train.std(axis=0), 1))
#> True True
print(" ".join(f"{m:+.2f}" for m in x_val[:, :4].mean(axis=0)))  # close to 0, not exactly
#> -0.00 -0.19 +0.11 -0.11

x_train = torch.tensor(x_train, dtype=torch.float32)
y_train = torch.tensor(y_train, dtype=torch.float32).unsqueeze(1)
print(x_train.shape, y_train.shape)
#> torch.Size([265, 10]) torch.Size([265, 1])
# --8<-- [end:split_and_normalise]

# --8<-- [start:train_validate_test]
import torch
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split
from torch import nn

features, target = load_diabetes(return_X_y=True, scaled=False)
x_train, x_rest, y_train, y_rest = train_test_split(
    features, target, test_size=0.4, random_state=0
)
x_val, x_test, y_val, y_test = train_test_split(x_rest, y_rest, test_size=0.5, random_state=0)
mean, std = x_train.mean(axis=0), x_train.std(axis=0)


def to_tensors(x, y):
    x = torch.tensor((x - mean) / std, dtype=torch.float32)
    return x, torch.tensor(y, dtype=torch.float32).unsqueeze(1)


x_train, y_train = to_tensors(x_train, y_train)
x_val, y_val = to_tensors(x_val, y_val)
x_test, y_test = to_tensors(x_test, y_test)

torch.manual_seed(0)
model = nn.Linear(10, 1)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)


def evaluate(model, x, y):
    model.eval()
    with torch.no_grad():
        return loss_fn(model(x), y).item()


for epoch in range(1, 51):
    model.train()
    loss = loss_fn(model(x_train), y_train)  # the whole training set at once
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 10 == 0:
        # Both sets measured the same way, with the weights this epoch's update produced.
        train_loss = evaluate(model, x_train, y_train)
        val_loss = evaluate(model, x_val, y_val)
        print(f"epoch {epoch:2d}  train MSE {train_loss:7.1f}  validation MSE {val_loss:7.1f}")
#> epoch 10  train MSE  3002.2  validation MSE  3702.6
#> epoch 20  train MSE  2703.5  validation MSE  3414.2
#> epoch 30  train MSE  2697.7  validation MSE  3418.8
#> epoch 40  train MSE  2696.7  validation MSE  3422.1
#> epoch 50  train MSE  2696.0  validation MSE  3423.0

print(f"test MSE {evaluate(model, x_test, y_test):.1f}")
#> test MSE 3097.3
# --8<-- [end:train_validate_test]

# --8<-- [start:overfitting_curves]
import torch
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split
from torch import nn

# Only 30 noisy points to learn from, 200 more to check the model on.
points, labels = make_moons(n_samples=230, noise=0.3, random_state=0)
x_train, x_val, y_train, y_val = train_test_split(
    points, labels, train_size=30, random_state=0, stratify=labels
)
x_train, x_val = (torch.tensor(x, dtype=torch.float32) for x in (x_train, x_val))
y_train, y_val = (torch.tensor(y, dtype=torch.float32).unsqueeze(1) for y in (y_train, y_val))

# Far more capacity than 30 points need.
torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1)
)
n_parameters = sum(parameter.numel() for parameter in model.parameters())
print(f"{n_parameters} parameters")
#> 4417 parameters

loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)

train_losses, val_losses = [], []
for _ in range(200):
    model.train()
    loss = loss_fn(model(x_train), y_train)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

    # Both losses with the weights this epoch's update produced.
    model.eval()
    with torch.no_grad():
        train_losses.append(loss_fn(model(x_train), y_train).item())
        val_losses.append(loss_fn(model(x_val), y_val).item())

for epoch in (1, 25, 50, 100, 200):
    print(
        f"epoch {epoch:3d}  train {train_losses[epoch - 1]:.4f}  "
        f"validation {val_losses[epoch - 1]:.4f}"
    )
#> epoch   1  train 0.5880  validation 0.5860
#> epoch  25  train 0.1998  validation 0.2274
#> epoch  50  train 0.0666  validation 0.3567
#> epoch 100  train 0.0119  validation 0.8244
#> epoch 200  train 0.0014  validation 1.3811

best_epoch = min(range(1, 201), key=lambda epoch: val_losses[epoch - 1])
print(f"lowest validation loss {val_losses[best_epoch - 1]:.4f} at epoch {best_epoch}")
#> lowest validation loss 0.2159 at epoch 31
# --8<-- [end:overfitting_curves]

# --8<-- [start:plot_overfitting]
# Continues the previous block.
import matplotlib.pyplot as plt

epochs = range(1, len(train_losses) + 1)
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(epochs, train_losses, label="training loss")
ax.plot(epochs, val_losses, label="validation loss")
ax.axvline(best_epoch, color="grey", linestyle="--", label=f"best epoch ({best_epoch})")
ax.set_xlabel("epoch")
ax.set_ylabel("binary cross-entropy")
ax.set_title(f"30 training points, {n_parameters:,} parameters")
ax.legend()
plt.show()
# --8<-- [end:plot_overfitting]

# --8<-- [start:exercise_full_batch]
import torch
from torch import nn

torch.manual_seed(0)
inputs = torch.tensor([[1.0], [2.0], [3.0]])
targets = torch.tensor([[4.0], [6.0], [8.0]])
model = nn.Linear(1, 1)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

updates = 0
for _ in range(300):
    loss = loss_fn(model(inputs), targets)  # all three points in one forward pass
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    updates += 1

print(f"f(x) = {model.weight.item():.2f}x + {model.bias.item():.2f} after {updates} updates")
#> f(x) = 2.00x + 2.00 after 300 updates
# --8<-- [end:exercise_full_batch]

# --8<-- [start:exercise_learning_rate_too_large]
import torch
from torch import nn

torch.manual_seed(0)
inputs = torch.tensor([[1.0], [2.0], [3.0]])
targets = torch.tensor([[4.0], [6.0], [8.0]])
model = nn.Linear(1, 1)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)

for epoch in range(1, 6):
    epoch_loss = 0.0
    for x, y in zip(inputs, targets, strict=True):
        loss = loss_fn(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        epoch_loss += loss.item()
    print(f"epoch {epoch}  mean loss {epoch_loss / len(inputs):.3g}")
#> epoch 1  mean loss 276
#> epoch 2  mean loss 1.88e+05
#> epoch 3  mean loss 1.31e+08
#> epoch 4  mean loss 9.1e+10
#> epoch 5  mean loss 6.32e+13
# --8<-- [end:exercise_learning_rate_too_large]

# --8<-- [start:exercise_early_stopping]
import copy

import torch
from sklearn.datasets import make_moons
from sklearn.model_selection import train_test_split
from torch import nn

points, labels = make_moons(n_samples=230, noise=0.3, random_state=0)
x_train, x_val, y_train, y_val = train_test_split(
    points, labels, train_size=30, random_state=0, stratify=labels
)
x_train, x_val = (torch.tensor(x, dtype=torch.float32) for x in (x_train, x_val))
y_train, y_val = (torch.tensor(y, dtype=torch.float32).unsqueeze(1) for y in (y_train, y_val))

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1)
)
loss_fn = nn.BCEWithLogitsLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)

patience = 20
best_loss, best_epoch, best_state = float("inf"), 0, None
for epoch in range(1, 201):
    model.train()
    loss = loss_fn(model(x_train), y_train)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

    model.eval()
    with torch.no_grad():
        val_loss = loss_fn(model(x_val), y_val).item()
    if val_loss < best_loss:
        best_loss, best_epoch = val_loss, epoch
        best_state = copy.deepcopy(model.state_dict())
    elif epoch - best_epoch >= patience:
        print(f"stopped after epoch {epoch}: no improvement since epoch {best_epoch}")
        break
#> stopped after epoch 51: no improvement since epoch 31

model.load_state_dict(best_state)
model.eval()
with torch.no_grad():
    print(f"validation loss of the restored model {loss_fn(model(x_val), y_val).item():.4f}")
#> validation loss of the restored model 0.2159
# --8<-- [end:exercise_early_stopping]
